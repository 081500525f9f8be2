import { and, asc, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
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

/** The SQL that gives `{ field, id, title }` for the ids a reference field names (visible records only). */
function titlesQuery(scope: TenantScope, actor: RecordActor, field: string, ref: string, ids: string[]): SQL {
  if (ref === 'pipelines' || ref === 'stages') {
    const table = ref === 'pipelines' ? pipelines : pipelineStages
    return sql`select ${field}::text as field, ${table.id}::text as id, ${table.name} as title from ${table} where ${scope.where(table, inArray(table.id, ids))}`
  }
  const type = ref as RecordType
  const table = RECORD_TABLES[type]
  const title = sql`coalesce(nullif(concat_ws(' ', ${sql.join(RECORDS[type].title.map(k => column(type, k)), sql`, `)}), ''), '(untitled)')`
  return sql`select ${field}::text as field, ${table.id}::text as id, ${title} as title from ${table} where ${scope.where(table, inArray(table.id, ids), visibleTo(scope, actor, table.ownerId))}`
}

const refFieldsOf = (type: RecordType) => Object.entries(RECORDS[type].fields as Record<string, FieldDef>).filter(([, f]) => f.kind === 'ref')

/**
 * The owner's name and every reference's title as correlated subqueries beside a list's rows,
 * so a page costs one statement instead of a second round trip for its names. Keys are
 * `ownerId` and the reference fields' keys; a record the actor may not see gives null.
 */
function nameColumns(scope: TenantScope, actor: RecordActor, type: RecordType): Record<string, SQL<string | null>> {
  const outer = RECORD_TABLES[type]
  const names: Record<string, SQL<string | null>> = {
    ownerId: sql`(select ${users.name} from ${users} where ${users.tenantId} = ${outer.tenantId} and ${users.id} = ${outer.ownerId})`,
  }
  for (const [key, f] of refFieldsOf(type)) {
    const ref = column(type, key)
    if (f.ref === 'pipelines' || f.ref === 'stages') {
      const table = f.ref === 'pipelines' ? pipelines : pipelineStages
      names[key] = sql`(select ${table.name} from ${table} where ${table.tenantId} = ${outer.tenantId} and ${table.id} = ${ref})`
      continue
    }
    const refType = f.ref as RecordType
    const table = RECORD_TABLES[refType]
    const title = sql`coalesce(nullif(concat_ws(' ', ${sql.join(RECORDS[refType].title.map(k => column(refType, k)), sql`, `)}), ''), '(untitled)')`
    names[key] = sql`(select ${title} from ${table} where ${and(sql`${table.tenantId} = ${outer.tenantId}`, sql`${table.id} = ${ref}`, visibleTo(scope, actor, table.ownerId))})`
  }
  return names
}

/** A row as the API returns it, given the names found for its owner and references (`${field}:${id}` → title). */
function presentRow(type: RecordType, r: Row, names: Map<string, string>): RecordRow {
  const { tenantId: _tenant, createdBy: _by, ...rest } = r as Row & { tenantId: string, createdBy: string | null }
  const refs: RecordRow['refs'] = {}
  for (const [key] of refFieldsOf(type)) {
    const id = r[key] as string | null
    refs[key] = id ? { id, title: names.get(`${key}:${id}`) ?? '(not visible)' } : null
  }
  return {
    ...rest,
    title: recordTitle(type, r),
    owner: r.ownerId ? { id: r.ownerId, name: names.get(`ownerId:${r.ownerId}`) ?? '(removed)' } : null,
    refs,
  } as unknown as RecordRow
}

/**
 * Rows as the API returns them: title, owner's name and the titles behind reference fields.
 * Owners and every reference are looked up in one statement (a UNION ALL); a record the actor
 * may not see keeps its title to itself. Lists get the same names inside their page's
 * statement instead (nameColumns).
 */
export async function presentRows(scope: TenantScope, actor: RecordActor, type: RecordType, rows: Row[]): Promise<RecordRow[]> {
  const idsOf = (key: string) => [...new Set(rows.map(r => r[key]).filter((v): v is string => typeof v === 'string'))]
  const lookups: SQL[] = []
  const ownerIds = idsOf('ownerId')
  if (ownerIds.length) lookups.push(sql`select 'ownerId'::text as field, ${users.id}::text as id, ${users.name} as title from ${users} where ${scope.where(users, inArray(users.id, ownerIds))}`)
  for (const [key, f] of refFieldsOf(type)) {
    const ids = idsOf(key)
    if (ids.length) lookups.push(titlesQuery(scope, actor, key, f.ref!, ids))
  }
  const names = new Map<string, string>() // `${field}:${id}` → title
  if (lookups.length) {
    const found = rowsOf<{ field: string, id: string, title: string }>(await scope.tx.execute(sql.join(lookups, sql` union all `)))
    for (const n of found) names.set(`${n.field}:${n.id}`, n.title)
  }
  return rows.map(r => presentRow(type, r, names))
}

/** One page of a list: filters, sort and keyset cursor from the query, visibility from the role. */
export async function listRecords(scope: TenantScope, actor: RecordActor, type: RecordType, query: Record<string, unknown>): Promise<RecordList> {
  const table = RECORD_TABLES[type]
  // Custom field definitions are read only when the query filters on one (most lists do not).
  const defs: CustomFieldDef[] = Object.keys(query).some(k => k.startsWith('cf.')) ? await listCustomFields(scope, type) : []
  const plan = planList(scope, type, query, defs, actor)
  const sortCol = column(type, plan.sort)
  const where = scope.where(table, visibleTo(scope, actor, table.ownerId), ...plan.conditions)
  const order = plan.dir === 'asc' ? [asc(sortCol), asc(table.id)] : [desc(sortCol), desc(table.id)]
  // The capped count rides along as an uncorrelated subquery (evaluated once per statement): one round trip less.
  const countSql = sql`(select count(*) from (select 1 from ${table} where ${where} limit ${COUNT_CAP + 1}) capped)`
  const nameCols = nameColumns(scope, actor, type)
  const nameKeys = Object.keys(nameCols)
  const rows = await scope.tx.select({ ...getTableColumns(table), cursorValue: sql<string | null>`${sortCol}::text`, matching: sql<number>`${countSql}::int`, names: sql<(string | null)[]>`array[${sql.join(Object.values(nameCols), sql`, `)}]` }).from(table)
    .where(and(where, afterCursor(type, plan)))
    .orderBy(...order)
    .limit(plan.limit + 1)
  const page = rows.slice(0, plan.limit)
  const last = page.at(-1)
  // A page past the end has no row to carry the count: ask for it alone then.
  const total = rows[0]?.matching ?? rowsOf<{ n: number }>(await scope.tx.execute(sql`select ${countSql}::int as n`))[0]?.n ?? 0
  const items = page.map(({ cursorValue: _c, matching: _m, names: found, ...row }) => {
    const names = new Map<string, string>()
    nameKeys.forEach((key, i) => {
      const id = (row as Record<string, unknown>)[key]
      if (typeof id === 'string' && found[i] != null) names.set(`${key}:${id}`, found[i])
    })
    return presentRow(type, row as unknown as Row, names)
  })
  return {
    items,
    nextCursor: rows.length > plan.limit && last ? encodeCursor(last.cursorValue, (last as unknown as Row).id) : null,
    total: Math.min(total, COUNT_CAP),
    totalCapped: total > COUNT_CAP,
  }
}
