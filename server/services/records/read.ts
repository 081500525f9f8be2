import { and, asc, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm'
import { pipelines, pipelineStages, users } from '../../../drizzle/schema'
import { rowsOf } from '../../database/connect'
import type { FieldDef, RecordType } from '../../../shared/records'
import { RECORDS, recordTitle } from '../../../shared/records'
import type { CustomFieldDef, RecordList, RecordRow } from '../../../shared/schemas/records'
import type { TenantScope } from '../../utils/tenant-db'
import { listCustomFields } from './custom-fields'
import { afterCursor, encodeCursor, planList } from './list-query'
import { column, RECORD_TABLES } from './registry'
import type { Row } from './registry'
import type { RecordActor } from './visibility'
import { visibleTo } from './visibility'

/** Counting stops here: a list says "10,000+" rather than scanning a huge tenant for an exact total. */
const COUNT_CAP = 10_000

/** The visible, live (or, with `deleted`, deleted) rows of a type, by id; 404 when not there. */
export async function findRecord(scope: TenantScope, actor: RecordActor, type: RecordType, id: string, opts: { deleted?: boolean, lock?: boolean } = {}): Promise<Row> {
  const table = RECORD_TABLES[type]
  const query = scope.tx.select().from(table)
    .where(scope.where(table, eq(table.id, id), opts.deleted ? sql`${table.deletedAt} is not null` : sql`${table.deletedAt} is null`, visibleTo(scope, actor, table.ownerId)))
    .limit(1)
  const [row] = await (opts.lock ? query.for('update') : query)
  if (!row) throw notFound(`No such ${RECORDS[type].singular.toLowerCase()}`)
  return row as Row
}

/** Titles of the records (or pipelines and stages) that `ids` name, for reference columns; a record the actor may not see keeps its title to itself. */
async function titlesOf(scope: TenantScope, actor: RecordActor, ref: string, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  if (!ids.length) return out
  if (ref === 'pipelines' || ref === 'stages') {
    const table = ref === 'pipelines' ? pipelines : pipelineStages
    const rows = await scope.tx.select({ id: table.id, name: table.name }).from(table).where(scope.where(table, inArray(table.id, ids)))
    for (const r of rows) out.set(r.id, r.name)
    return out
  }
  const type = ref as RecordType
  const table = RECORD_TABLES[type]
  const titleCols = Object.fromEntries(RECORDS[type].title.map(k => [k, column(type, k)]))
  const rows = await scope.tx.select({ id: table.id, ...titleCols }).from(table).where(scope.where(table, inArray(table.id, ids), visibleTo(scope, actor, table.ownerId)))
  for (const r of rows as Record<string, unknown>[]) out.set(r.id as string, recordTitle(type, r))
  return out
}

/** Rows as the API returns them: title, owner's name and the titles behind reference fields. */
export async function presentRows(scope: TenantScope, actor: RecordActor, type: RecordType, rows: Row[]): Promise<RecordRow[]> {
  const fields = RECORDS[type].fields as Record<string, FieldDef>
  const refFields = Object.entries(fields).filter(([, f]) => f.kind === 'ref')
  const ownerIds = [...new Set(rows.map(r => r.ownerId).filter((v): v is string => !!v))]
  const owners = new Map<string, string>()
  if (ownerIds.length) {
    for (const u of await scope.tx.select({ id: users.id, name: users.name }).from(users).where(scope.where(users, inArray(users.id, ownerIds)))) owners.set(u.id, u.name)
  }
  const refTitles = new Map<string, Map<string, string>>()
  for (const [key, f] of refFields) {
    const ids = [...new Set(rows.map(r => r[key]).filter((v): v is string => typeof v === 'string'))]
    refTitles.set(key, await titlesOf(scope, actor, f.ref!, ids))
  }
  return rows.map((r) => {
    const { tenantId: _tenant, createdBy: _by, ...rest } = r as Row & { tenantId: string, createdBy: string | null }
    const refs: RecordRow['refs'] = {}
    for (const [key] of refFields) {
      const id = r[key] as string | null
      refs[key] = id ? { id, title: refTitles.get(key)!.get(id) ?? '(not visible)' } : null
    }
    return {
      ...rest,
      title: recordTitle(type, r),
      owner: r.ownerId ? { id: r.ownerId, name: owners.get(r.ownerId) ?? '(removed)' } : null,
      refs,
    } as unknown as RecordRow
  })
}

/** One page of a list: filters, sort and keyset cursor from the query, visibility from the role. */
export async function listRecords(scope: TenantScope, actor: RecordActor, type: RecordType, query: Record<string, unknown>): Promise<RecordList> {
  const table = RECORD_TABLES[type]
  const defs: CustomFieldDef[] = await listCustomFields(scope, type)
  const plan = planList(scope, type, query, defs, actor)
  const sortCol = column(type, plan.sort)
  const where = scope.where(table, visibleTo(scope, actor, table.ownerId), ...plan.conditions)
  const order = plan.dir === 'asc' ? [asc(sortCol), asc(table.id)] : [desc(sortCol), desc(table.id)]
  const rows = await scope.tx.select({ ...getTableColumns(table), cursorValue: sql<string | null>`${sortCol}::text` }).from(table)
    .where(and(where, afterCursor(type, plan)))
    .orderBy(...order)
    .limit(plan.limit + 1)
  const page = rows.slice(0, plan.limit)
  const last = page.at(-1)
  const [counted] = await scope.tx.execute(sql`select count(*)::int as n from (select 1 from ${table} where ${where} limit ${COUNT_CAP + 1}) capped`)
    .then(r => rowsOf<{ n: number }>(r))
  const total = counted?.n ?? 0
  return {
    items: await presentRows(scope, actor, type, page.map(({ cursorValue: _c, ...row }) => row as unknown as Row)),
    nextCursor: rows.length > plan.limit && last ? encodeCursor(last.cursorValue, (last as unknown as Row).id) : null,
    total: Math.min(total, COUNT_CAP),
    totalCapped: total > COUNT_CAP,
  }
}
