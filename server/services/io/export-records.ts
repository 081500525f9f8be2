import { and, asc, desc, getTableColumns, sql } from 'drizzle-orm'
import type { FieldDef, RecordType } from '#shared/records'
import { RECORDS } from '#shared/records'
import type { CustomFieldDef, RecordRow } from '#shared/schemas/records'
import { EXPORT_MAX_ROWS } from '#shared/schemas/io'
import { rowsOf } from '#server/database/connect'
import type { TenantScope } from '#server/utils/tenant-db'
import type { TableColumn, TableRow } from '#server/utils/send-table'
import { moneyCell } from '#server/utils/spreadsheet-cells'
import { listCustomFields } from '#server/services/crm/records/custom-fields'
import { afterCursor, planList } from '#server/services/crm/records/list-query'
import { presentRows } from '#server/services/crm/records/read'
import { column, RECORD_TABLES } from '#server/services/crm/records/registry'
import type { Row } from '#server/services/crm/records/registry'
import type { RecordActor } from '#server/services/crm/records/visibility'
import { visibleTo } from '#server/services/crm/records/visibility'

/** Rows are read and written this many at a time. */
const EXPORT_PAGE = 1000

/** Query keys of the list that are about paging, not about which rows: an export ignores them. */
const PAGING_KEYS = ['limit', 'cursor', 'format']

type Cell = TableRow[number]
interface ExportColumn extends TableColumn { cell: (row: RecordRow) => Cell }

const iso = (v: unknown) => v instanceof Date ? v.toISOString() : (typeof v === 'string' ? v : null)

/** How one catalogue field reads in a file: owners and references by name, money as a decimal in its row's currency (else the workspace's), times in ISO 8601. */
function fieldColumn(type: RecordType, key: string, f: FieldDef, currency: string): ExportColumn[] {
  const label = f.label
  switch (f.kind) {
    case 'user': return [{ key: 'owner', label: RECORDS[type].ownerLabel, cell: r => r.owner?.name ?? null }]
    case 'ref': return [{ key, label, cell: r => r.refs[key]?.title ?? null }]
    case 'money': return [{ key, label, cell: r => moneyCell(r[key], String(r.currency ?? currency)) }]
    case 'datetime': return [{ key, label, cell: r => iso(r[key]) }]
    default: return [{ key, label, cell: r => (r[key] ?? null) as Cell }]
  }
}

/**
 * The columns of an export: the view's (`columns=`, catalogue keys and `cf.<key>`) or the type's
 * list columns, always led by the record's id; a money column brings its currency along.
 */
export function exportColumns(type: RecordType, requested: string | undefined, customDefs: CustomFieldDef[], currency: string): ExportColumn[] {
  const fields = RECORDS[type].fields as Record<string, FieldDef>
  const custom = new Map(customDefs.map(d => [`cf.${d.key}`, d]))
  const wanted = requested?.split(',').map(k => k.trim()).filter(k => k in fields || custom.has(k))
  const keys = wanted?.length ? wanted : Object.keys(fields).filter(k => fields[k]!.column)
  const out: ExportColumn[] = [{ key: 'id', label: 'ID', cell: r => r.id }]
  for (const key of [...new Set(keys)]) {
    const def = custom.get(key)
    if (def) out.push({ key, label: def.label, cell: r => r.custom?.[def.key] ?? null })
    else out.push(...fieldColumn(type, key, fields[key]!, currency))
    // An amount means nothing without its currency: it follows unless the view shows it already.
    if (fields[key]?.kind === 'money' && !keys.includes('currency') && 'currency' in fields) out.push({ key: 'currency', label: fields.currency!.label, cell: r => (r.currency ?? null) as Cell })
  }
  return out
}

export interface RecordExport {
  columns: TableColumn[]
  /** The rows, EXPORT_PAGE at a time, in the list's order. */
  pages: AsyncIterable<TableRow[]>
  /** The filters that made the view, for the audit entry. */
  filters: Record<string, unknown>
  /** How many rows the export holds. */
  total: number
}

/**
 * A list view for export: the list's own query (filters, search, sort, deleted) checked by the
 * list engine, the role's visibility, and every matching row by keyset pages instead of one
 * page. Refuses (413) a view over EXPORT_MAX_ROWS before anything is sent.
 */
export async function planRecordExport(scope: TenantScope, actor: RecordActor, type: RecordType, query: Record<string, unknown>, knownTotal?: number): Promise<RecordExport> {
  const table = RECORD_TABLES[type]
  const filters = Object.fromEntries(Object.entries(query).filter(([k]) => !PAGING_KEYS.includes(k)))
  const defs = await listCustomFields(scope, type)
  const plan = planList(scope, type, filters, defs, actor)
  const columns = exportColumns(type, typeof filters.columns === 'string' ? filters.columns : undefined, defs, scope.tenant.preferences.currency)
  const sortCol = column(type, plan.sort)
  const where = scope.where(table, visibleTo(scope, actor, table.ownerId), ...plan.conditions)
  const order = plan.dir === 'asc' ? [asc(sortCol), asc(table.id)] : [desc(sortCol), desc(table.id)]

  // Counted once per download: the caller that audited it first passes its count on.
  const total = knownTotal ?? rowsOf<{ n: number }>(await scope.tx.execute(sql`select count(*)::int as n from (select 1 from ${table} where ${where} limit ${EXPORT_MAX_ROWS + 1}) capped`))[0]?.n ?? 0
  if (total > EXPORT_MAX_ROWS) {
    throw apiError(413, 'PAYLOAD_TOO_LARGE', `This view holds more than ${EXPORT_MAX_ROWS.toLocaleString('en-US')} records; narrow it with filters and export each part`)
  }

  async function* pages(): AsyncIterable<TableRow[]> {
    for (;;) {
      const rows = await scope.tx.select({ ...getTableColumns(table), cursorValue: sql<string | null>`${sortCol}::text` }).from(table)
        .where(and(where, afterCursor(type, plan)))
        .orderBy(...order)
        .limit(EXPORT_PAGE)
      if (!rows.length) return
      const presented = await presentRows(scope, actor, type, rows.map(({ cursorValue: _c, ...row }) => row as unknown as Row))
      yield presented.map(r => columns.map(c => c.cell(r)))
      if (rows.length < EXPORT_PAGE) return
      const last = rows.at(-1)!
      plan.cursor = { value: last.cursorValue, id: (last as unknown as Row).id }
    }
  }
  return { columns: columns.map(({ key, label }) => ({ key, label })), pages: pages(), filters, total }
}
