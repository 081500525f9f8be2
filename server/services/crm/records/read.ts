import { and, asc, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import { pipelines, pipelineStages, users } from '#drizzle/schema'
import { rowsOf } from '#server/database/connect'
import type { FieldDef, RecordType } from '#shared/records'
import { RECORD_TYPES, RECORDS, recordTitle } from '#shared/records'
import type { CustomFieldDef, RecordList, RecordRow } from '#shared/schemas/records'
import type { TenantScope } from '#server/utils/tenant-db'
import { listCustomFields } from './custom-fields'
import { afterCursor, encodeCursor, planList } from './list-query'
import { column, RECORD_TABLES } from './registry'
import type { Row } from './registry'
import type { RecordActor } from './visibility'
import { visibleTo } from './visibility'

/** Counting stops here: a list says "10,000+" rather than scanning a huge tenant for an exact total. */
export const COUNT_CAP = 10_000

/** The record `id` of a type, if the actor sees it: live, or with `deleted`, deleted. */
function oneVisible(scope: TenantScope, actor: RecordActor, type: RecordType, id: string, deleted = false): SQL {
  const table = RECORD_TABLES[type]
  return scope.where(table, eq(table.id, id), deleted ? sql`${table.deletedAt} is not null` : sql`${table.deletedAt} is null`, visibleTo(scope, actor, table.ownerId))
}

const noSuch = (type: RecordType) => notFound(`No such ${RECORDS[type].singular.toLowerCase()}`)

/** The visible, live (or, with `deleted`, deleted) rows of a type, by id; 404 when not there. */
export async function findRecord(scope: TenantScope, actor: RecordActor, type: RecordType, id: string, opts: { deleted?: boolean, lock?: boolean } = {}): Promise<Row> {
  const query = scope.tx.select().from(RECORD_TABLES[type]).where(oneVisible(scope, actor, type, id, opts.deleted)).limit(1)
  const [row] = await (opts.lock ? query.for('update') : query)
  if (!row) throw noSuch(type)
  return row as Row
}

const refFieldsOf = (type: RecordType) => Object.entries(RECORDS[type].fields as Record<string, FieldDef>).filter(([, f]) => f.kind === 'ref')

/** The fields whose names a presented row carries, per type: the owner, then each reference field. */
const NAME_KEYS = Object.fromEntries(RECORD_TYPES.map(t => [t, ['ownerId', ...refFieldsOf(t).map(([k]) => k)]])) as Record<RecordType, string[]>

/** A record's display title in SQL, as recordTitle() builds it. */
export function titleSql(type: RecordType): SQL<string> {
  return sql`coalesce(nullif(concat_ws(' ', ${sql.join(RECORDS[type].title.map(k => column(type, k)), sql`, `)}), ''), '(untitled)')`
}

/**
 * The owner's name and each reference's title (in NAME_KEYS order) as a JSON array of correlated
 * subqueries beside a row of `type`, so rows and their names come in one statement. A
 * referenced record the actor may not see gives null.
 */
function namesColumn(scope: TenantScope, actor: RecordActor, type: RecordType): SQL<(string | null)[]> {
  const outer = RECORD_TABLES[type]
  const names: SQL[] = [sql`(select ${users.name} from ${users} where ${users.tenantId} = ${outer.tenantId} and ${users.id} = ${outer.ownerId})`]
  for (const [key, f] of refFieldsOf(type)) {
    const ref = column(type, key)
    if (f.ref === 'pipelines' || f.ref === 'stages') {
      const table = f.ref === 'pipelines' ? pipelines : pipelineStages
      names.push(sql`(select ${table.name} from ${table} where ${table.tenantId} = ${outer.tenantId} and ${table.id} = ${ref})`)
      continue
    }
    const refType = f.ref as RecordType
    const table = RECORD_TABLES[refType]
    names.push(sql`(select ${titleSql(refType)} from ${table} where ${and(sql`${table.tenantId} = ${outer.tenantId}`, sql`${table.id} = ${ref}`, visibleTo(scope, actor, table.ownerId))})`)
  }
  // JSON rather than a text[]: postgres-js reads a NULL element of a text array as the string "NULL".
  return sql`json_build_array(${sql.join(names, sql`, `)})`
}

/** A row as the API returns it, given the names namesColumn found for it. */
function presentRow(type: RecordType, r: Row, names: readonly (string | null)[]): RecordRow {
  const { tenantId: _tenant, createdBy: _by, ...rest } = r as Row & { tenantId: string, createdBy: string | null }
  const [ownerName, ...refTitles] = names
  const refs: RecordRow['refs'] = {}
  NAME_KEYS[type].slice(1).forEach((key, i) => {
    const id = r[key] as string | null
    refs[key] = id ? { id, title: refTitles[i] ?? '(not visible)' } : null
  })
  return {
    ...rest,
    title: recordTitle(type, r),
    owner: r.ownerId ? { id: r.ownerId, name: ownerName ?? '(removed)' } : null,
    refs,
  } as unknown as RecordRow
}

/**
 * One visible, live record with its names, as its page reads it: the row and its presented form
 * from one statement (findRecord then presentRows would be two round trips); 404 when not there.
 */
export async function readRecord(scope: TenantScope, actor: RecordActor, type: RecordType, id: string): Promise<{ row: Row, presented: RecordRow }> {
  const table = RECORD_TABLES[type]
  const [found] = await scope.tx.select({ ...getTableColumns(table), names: namesColumn(scope, actor, type) }).from(table)
    .where(oneVisible(scope, actor, type, id)).limit(1)
  if (!found) throw noSuch(type)
  const { names, ...row } = found
  return { row: row as unknown as Row, presented: presentRow(type, row as unknown as Row, names) }
}

/**
 * The titles of records named by type and id (run histories, logs), keyed `type:id`: only those the
 * actor sees (deleted ones too); one statement per type.
 */
export async function visibleTitles(scope: TenantScope, actor: RecordActor, refs: { type: RecordType, id: string }[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>()
  for (const type of RECORD_TYPES) {
    const ids = [...new Set(refs.filter(r => r.type === type).map(r => r.id))]
    if (!ids.length) continue
    const table = RECORD_TABLES[type]
    const rows = await scope.tx.select().from(table).where(scope.where(table, inArray(table.id, ids), visibleTo(scope, actor, table.ownerId)))
    for (const row of rows) titles.set(`${type}:${row.id}`, recordTitle(type, row as Record<string, unknown>))
  }
  return titles
}

/**
 * Rows as the API returns them: title, owner's name and the titles behind reference fields, for
 * rows already read (a record, a write's result), in one statement by their ids. Lists read the
 * same names inside their page's statement.
 */
export async function presentRows(scope: TenantScope, actor: RecordActor, type: RecordType, rows: Row[]): Promise<RecordRow[]> {
  if (!rows.length) return []
  const table = RECORD_TABLES[type]
  const found = await scope.tx.select({ id: table.id, names: namesColumn(scope, actor, type) }).from(table)
    .where(scope.where(table, inArray(table.id, rows.map(r => r.id))))
  const byId = new Map(found.map(f => [f.id, f.names]))
  return rows.map(r => presentRow(type, r, byId.get(r.id) ?? []))
}

/**
 * One page of a list: filters, sort and keyset cursor from the query, visibility from the role.
 * `knownMatching` is the capped count of these filters when the caller knows it (page-cache.ts
 * keeps it across pages and sorts of one view); otherwise the page's statement counts.
 */
export async function listRecords(scope: TenantScope, actor: RecordActor, type: RecordType, query: Record<string, unknown>, knownMatching?: number): Promise<RecordList> {
  const table = RECORD_TABLES[type]
  // Custom field definitions are read only when the query filters on one (most lists do not).
  const defs: CustomFieldDef[] = Object.keys(query).some(k => k.startsWith('cf.')) ? await listCustomFields(scope, type) : []
  const plan = planList(scope, type, query, defs, actor)
  const sortCol = column(type, plan.sort)
  const where = scope.where(table, visibleTo(scope, actor, table.ownerId), ...plan.conditions)
  const order = plan.dir === 'asc' ? [asc(sortCol), asc(table.id)] : [desc(sortCol), desc(table.id)]
  // The capped count rides along as an uncorrelated subquery (evaluated once per statement): one round trip less.
  const countSql = sql`(select count(*) from (select 1 from ${table} where ${where} limit ${COUNT_CAP + 1}) capped)`
  const matching = knownMatching === undefined ? sql<number>`${countSql}::int` : sql<number>`${knownMatching}::int`
  const rows = await scope.tx.select({ ...getTableColumns(table), cursorValue: sql<string | null>`${sortCol}::text`, matching, names: namesColumn(scope, actor, type) }).from(table)
    .where(and(where, afterCursor(type, plan)))
    .orderBy(...order)
    .limit(plan.limit + 1)
  const page = rows.slice(0, plan.limit)
  const last = page.at(-1)
  // A page past the end has no row to carry the count: ask for it alone then.
  const total = knownMatching ?? rows[0]?.matching ?? rowsOf<{ n: number }>(await scope.tx.execute(sql`select ${countSql}::int as n`))[0]?.n ?? 0
  const items = page.map(({ cursorValue: _c, matching: _m, names, ...row }) => presentRow(type, row as unknown as Row, names))
  return {
    items,
    nextCursor: rows.length > plan.limit && last ? encodeCursor(last.cursorValue, (last as unknown as Row).id) : null,
    total: Math.min(total, COUNT_CAP),
    totalCapped: total > COUNT_CAP,
  }
}
