import { inArray, isNull, sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import { pipelines, pipelineStages, users } from '#drizzle/schema'
import type { FieldDef, RecordType } from '#shared/records'
import { RECORDS } from '#shared/records'
import type { ImportOptions, ImportPreview, ImportReport, ImportRowReport } from '#shared/schemas/io'
import { IMPORT_MAX_REPORTED } from '#shared/schemas/io'
import type { CustomFieldDef } from '#shared/schemas/records'
import { recordCreateSchemas } from '#shared/schemas/records'
import { rowsOf } from '#server/database/connect'
import type { TenantScope } from '#server/utils/tenant-db'
import { listCustomFields } from '#server/services/crm/records/custom-fields'
import { column, RECORD_TABLES } from '#server/services/crm/records/registry'
import type { RecordActor } from '#server/services/crm/records/visibility'
import { visibleTo } from '#server/services/crm/records/visibility'
import { insertRecords, prepareRecord } from '#server/services/crm/records/write'
import type { CsvFile } from './csv-file'
import { checkMapping, importTargets, normaliseHeader, suggestMapping } from './import-mapping'
import { currencyDigits } from '#shared/money'

type Values = Record<string, unknown>
type RowError = { field: string, message: string }
/** A name (lower-cased) or id → the id it stands for, or 'ambiguous' when several records share it. */
type Lookup = Map<string, string>

const LOOKUP_CHUNK = 1000
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** What the wizard's second step shows: headers, the suggested mapping, the fields and the first rows. */
export async function previewImport(scope: TenantScope, type: RecordType, file: CsvFile): Promise<ImportPreview> {
  const targets = importTargets(type, await listCustomFields(scope, type))
  return { headers: file.headers, delimiter: file.delimiter, rowCount: file.rows.length, mapping: suggestMapping(file.headers, targets), targets, sample: file.rows.slice(0, 5) }
}

function addName(map: Lookup, name: string, id: string) {
  const k = name.trim().toLowerCase()
  if (!k) return
  map.set(k, map.has(k) && map.get(k) !== id ? 'ambiguous' : id)
}

/** Members by email and by name (active or invited), for owner columns. */
async function memberLookup(scope: TenantScope): Promise<Lookup> {
  const map: Lookup = new Map()
  const found = await scope.tx.select({ id: users.id, email: users.email, name: users.name }).from(users)
    .where(scope.where(users, inArray(users.status, ['active', 'invited'])))
  for (const u of found) {
    addName(map, u.id, u.id)
    addName(map, u.email, u.id)
    if (u.name) addName(map, u.name, u.id)
  }
  return map
}

/** Records (or pipelines, stages) a reference column names, by id or title, among those the actor may see. */
async function referenceLookup(scope: TenantScope, actor: RecordActor, ref: NonNullable<FieldDef['ref']>, values: string[]): Promise<Lookup> {
  const map: Lookup = new Map()
  const wanted = [...new Set(values.map(v => v.trim().toLowerCase()).filter(Boolean))]
  for (let i = 0; i < wanted.length; i += LOOKUP_CHUNK) {
    const part = wanted.slice(i, i + LOOKUP_CHUNK)
    const ids = part.filter(v => UUID.test(v))
    let query: SQL
    if (ref === 'pipelines' || ref === 'stages') {
      const table = ref === 'pipelines' ? pipelines : pipelineStages
      query = sql`select ${table.id}::text as id, ${table.name} as title from ${table} where ${scope.where(table, sql`(lower(${table.name}) in ${part}${ids.length ? sql` or ${table.id} in ${ids}` : sql``})`)}`
    }
    else {
      const table = RECORD_TABLES[ref]
      const title = sql`concat_ws(' ', ${sql.join(RECORDS[ref].title.map(k => column(ref, k)), sql`, `)})`
      query = sql`select ${table.id}::text as id, ${title} as title from ${table}
        where ${scope.where(table, isNull(table.deletedAt), visibleTo(scope, actor, table.ownerId), sql`(lower(${title}) in ${part}${ids.length ? sql` or ${table.id} in ${ids}` : sql``})`)}`
    }
    for (const r of rowsOf<{ id: string, title: string }>(await scope.tx.execute(query))) {
      addName(map, r.id, r.id)
      addName(map, r.title, r.id)
    }
  }
  return map
}

/** An enum cell by key or by label, in any case ("Closed Won", "closed_won" → closed_won). */
function enumValue(options: readonly string[], cell: string): string {
  return options.find(o => normaliseHeader(o) === normaliseHeader(cell)) ?? cell
}

/**
 * A decimal amount ("1234.5", "1,234.50", "1 234,50") in minor units of `currency` (EUR 2 places,
 * JPY none), or null when it is not one or has more decimals than the currency can hold.
 */
export function moneyToMinor(cell: string, currency: string): number | null {
  let s = cell.replace(/[\s\u00A0']/g, '').replace(/^[A-Z]{3}|[A-Z]{3}$|^[$€£¥]|[$€£¥]$/g, '')
  // A comma followed by one or two digits at the end is a decimal comma.
  if (/,\d{1,2}$/.test(s)) s = s.replace(/\./g, '').replace(',', '.')
  else s = s.replace(/,/g, '')
  if (!/^\d+(\.\d{1,3})?$/.test(s)) return null
  const minor = Number(s) * 10 ** currencyDigits(currency)
  const whole = Math.round(minor)
  return Math.abs(minor - whole) < 1e-6 ? whole : null
}

interface Converter { field: string, header: string, convert: (cell: string, values: Values, errors: RowError[]) => void }

/** How each mapped column turns a cell into a create-body value (the create schema checks it next). */
async function converters(scope: TenantScope, actor: RecordActor, type: RecordType, mapping: Record<string, string | null>, file: CsvFile, defs: CustomFieldDef[]): Promise<(Converter & { index: number })[]> {
  const fields = RECORDS[type].fields as Record<string, FieldDef>
  const customs = new Map(defs.map(d => [d.key, d]))
  const out: (Converter & { index: number })[] = []
  for (const [header, key] of Object.entries(mapping)) {
    if (!key) continue
    const index = file.headers.indexOf(header)
    const cells = () => file.rows.map(r => r[index]!)
    if (key.startsWith('custom.')) {
      const def = customs.get(key.slice(7))!
      out.push({ index, field: key, header, convert: (cell, values) => {
        if (!cell) return
        const custom = (values.custom ??= {}) as Values
        custom[def.key] = def.type === 'number' && cell.trim() !== '' && Number.isFinite(Number(cell)) ? Number(cell) : (def.type === 'select' ? enumValue(def.options, cell) : cell)
      } })
      continue
    }
    const f = fields[key]!
    let convert: Converter['convert']
    switch (f.kind) {
      case 'user': {
        const members = await memberLookup(scope)
        convert = (cell, values, errors) => {
          if (!cell) return
          const id = members.get(cell.toLowerCase())
          if (id && id !== 'ambiguous') values[key] = id
          else errors.push({ field: key, message: id ? `several members are called "${cell}"; use their email` : `"${cell}" is not a member's email or name` })
        }
        break
      }
      case 'ref': {
        const found = await referenceLookup(scope, actor, f.ref!, cells())
        convert = (cell, values, errors) => {
          if (!cell) return
          const id = found.get(cell.toLowerCase())
          if (id && id !== 'ambiguous') values[key] = id
          else errors.push({ field: key, message: id ? `several records are called "${cell}"; use the id` : `no ${f.label.toLowerCase()} "${cell}" found` })
        }
        break
      }
      case 'money':
        // In the row's currency (its column is converted first, below), else the workspace's.
        convert = (cell, values, errors) => {
          if (!cell) return
          const currency = String(values.currency ?? scope.tenant.preferences.currency)
          const minor = moneyToMinor(cell, currency)
          if (minor === null) errors.push({ field: key, message: currencyDigits(currency) ? `must be an amount in ${currency} such as 1250.${'0'.repeat(currencyDigits(currency))}` : `must be a whole amount in ${currency} such as 1250` })
          else values[key] = minor
        }
        break
      case 'number':
        convert = (cell, values) => {
          if (cell) values[key] = Number.isFinite(Number(cell)) ? Number(cell) : cell
        }
        break
      case 'datetime':
        convert = (cell, values) => {
          if (cell) values[key] = Number.isNaN(Date.parse(cell)) ? cell : new Date(cell).toISOString()
        }
        break
      case 'date':
        convert = (cell, values) => {
          if (cell) values[key] = /^\d{4}-\d{2}-\d{2}T/.test(cell) ? cell.slice(0, 10) : cell
        }
        break
      case 'enum':
        convert = (cell, values) => {
          if (cell) values[key] = enumValue(f.options!, cell)
        }
        break
      default:
        // Text: an empty cell is given as '' so a required field says "is required".
        convert = (cell, values) => {
          values[key] = cell
        }
    }
    out.push({ index, field: key, header, convert })
  }
  // The currency first: money cells are read in the row's currency.
  return out.sort((a, b) => Number(b.field === 'currency') - Number(a.field === 'currency'))
}

/** The issues of a 4xx thrown by the engine (custom values, hooks) as a row's errors. */
function engineErrors(error: unknown): RowError[] | null {
  const e = error as { statusCode?: number, message?: string, data?: { issues?: { path: string, message: string }[] } }
  if (!e?.statusCode || e.statusCode >= 500) return null
  return e.data?.issues?.length ? e.data.issues.map(i => ({ field: i.path, message: i.message })) : [{ field: '', message: e.message ?? 'is invalid' }]
}

/**
 * Checks every row of a file as the create route would (same zod schema, same custom-field
 * checks, the type's beforeCreate hook), with owners by email or name, references by title
 * or id, enums by label or key and money as decimals; and — unless a dry run, and only when
 * every row is valid — inserts them all in the caller's transaction.
 */
export async function importRecords(scope: TenantScope, actor: RecordActor, type: RecordType, file: CsvFile, options: ImportOptions): Promise<ImportReport> {
  const defs = await listCustomFields(scope, type)
  checkMapping(options.mapping, file.headers, importTargets(type, defs))
  const convs = await converters(scope, actor, type, options.mapping, file, defs)
  const schema = recordCreateSchemas[type]
  const prepared: Values[] = []
  const reported: ImportRowReport[] = []
  let invalid = 0
  for (const [i, cells] of file.rows.entries()) {
    const errors: RowError[] = []
    const input: Values = {}
    for (const c of convs) c.convert(cells[c.index]!, input, errors)
    const parsed = schema.safeParse(input)
    if (!parsed.success) for (const issue of parsed.error.issues) errors.push({ field: issue.path.join('.'), message: issue.message })
    if (!errors.length) {
      try {
        const values = parsed.data as Values
        // Owners and references were resolved in bulk above; only a task's related record is left to check.
        prepared.push(await prepareRecord(scope, actor, type, defs, values, { referencesChecked: !(type === 'tasks' && values.relatedId) }))
      }
      catch (error) {
        const rowErrors = engineErrors(error)
        if (!rowErrors) throw error
        errors.push(...rowErrors)
      }
    }
    if (errors.length) {
      invalid++
      // Line numbers as a spreadsheet shows them: the header is line 1.
      if (reported.length < IMPORT_MAX_REPORTED) reported.push({ line: i + 2, errors })
    }
  }
  const report: ImportReport = { total: file.rows.length, valid: file.rows.length - invalid, invalid, rows: reported, imported: 0, dryRun: options.dryRun }
  if (options.dryRun || invalid > 0 || !prepared.length) return report
  report.imported = await insertRecords(scope, actor, type, prepared, { action: `${type}.imported`, after: { columns: Object.fromEntries(convs.map(c => [c.header, c.field])) } })
  // One event for the import, not one per row: a 50,000-row file is one change to the receiver.
  await scope.emit('import.finished', { recordType: type, imported: report.imported })
  return report
}
