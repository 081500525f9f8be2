import { and, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import type { FieldDef, RecordType } from '#shared/records'
import { RECORDS } from '#shared/records'
import type { CustomFieldDef } from '#shared/schemas/records'
import { listBaseQuerySchema } from '#shared/schemas/records'
import { INT4_MAX } from '#shared/schemas/common'
import type { TenantScope } from '#server/utils/tenant-db'
import { column, RECORD_TABLES } from './registry'
import type { RecordActor } from './visibility'

type Issue = { path: string, message: string }

/** A list request after checking: conditions to AND, the order, the page. */
export interface ListPlan {
  conditions: SQL[]
  sort: string
  dir: 'asc' | 'desc'
  limit: number
  cursor: { value: unknown, id: string } | null
  deleted: boolean
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DATE = /^\d{4}-\d{2}-\d{2}$/

/** Parses one filter value of a field's kind, or says why it does not fit. */
// The largest value a built-in number column holds: `integer` for counts, `bigint` for minor units.
const COLUMN_MAX: Partial<Record<FieldDef['kind'], number>> = { number: INT4_MAX, money: Number.MAX_SAFE_INTEGER }

function parseValue(def: Pick<FieldDef, 'kind' | 'options'>, raw: string, actor: RecordActor, custom = false): { ok: true, value: string | number } | { ok: false, message: string } {
  switch (def.kind) {
    case 'number':
    case 'money': {
      const n = Number(raw)
      if (raw.trim() === '' || !Number.isFinite(n)) return { ok: false, message: 'must be a number' }
      // A tenant's own number fields are decimals; the built-in ones are whole numbers of a column's size.
      if (custom) return { ok: true, value: n }
      if (!Number.isInteger(n)) return { ok: false, message: def.kind === 'money' ? 'must be a whole number of minor units (cents)' : 'must be a whole number' }
      const max = COLUMN_MAX[def.kind]!
      return Math.abs(n) <= max ? { ok: true, value: n } : { ok: false, message: `must be between -${max} and ${max}` }
    }
    case 'date':
      return DATE.test(raw) && !Number.isNaN(Date.parse(raw)) ? { ok: true, value: raw } : { ok: false, message: 'must be a date (YYYY-MM-DD)' }
    case 'datetime': {
      // A bare date means the start of that day (UTC) for From, and is taken as given for To.
      const t = Date.parse(raw)
      return (DATE.test(raw) || /^\d{4}-\d{2}-\d{2}T/.test(raw)) && !Number.isNaN(t) ? { ok: true, value: new Date(t).toISOString() } : { ok: false, message: 'must be a date or date and time (ISO 8601)' }
    }
    case 'enum':
      return def.options!.includes(raw) ? { ok: true, value: raw } : { ok: false, message: `must be one of ${def.options!.join(', ')}` }
    case 'user':
      if (raw === 'me') return { ok: true, value: actor.userId }
      if (raw === 'none') return { ok: true, value: 'none' }
      return UUID.test(raw) ? { ok: true, value: raw } : { ok: false, message: 'must be a member id, me or none' }
    case 'ref':
      if (raw === 'none') return { ok: true, value: 'none' }
      return UUID.test(raw) ? { ok: true, value: raw } : { ok: false, message: 'must be a record id or none' }
    default:
      return raw.length <= 200 ? { ok: true, value: raw } : { ok: false, message: 'must be at most 200 characters' }
  }
}

const CUSTOM_KIND: Record<CustomFieldDef['type'], FieldDef['kind']> = { text: 'text', number: 'number', date: 'date', select: 'enum' }

/** Cursor: base64url of [sort value, id]; opaque to clients. */
export function encodeCursor(value: unknown, id: string): string {
  return Buffer.from(JSON.stringify([value instanceof Date ? value.toISOString() : value, id])).toString('base64url')
}

function decodeCursor(raw: string): { value: unknown, id: string } | null {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string' && UUID.test(parsed[1])
      && (parsed[0] === null || ['string', 'number'].includes(typeof parsed[0]))) return { value: parsed[0], id: parsed[1] }
  }
  catch { /* falls through to the 400 */ }
  return null
}

/**
 * Turns a list's query string into a plan: every key must be a fixed key, a catalogue filter
 * (`field`, `fieldFrom`, `fieldTo`), `cf.<custom key>` (and From/To), or `breached` on tickets.
 * Anything else is a 400 naming the key, so a typo never silently widens a list.
 */
export function planList(scope: TenantScope, type: RecordType, query: Record<string, unknown>, customDefs: CustomFieldDef[], actor: RecordActor): ListPlan {
  const def = RECORDS[type]
  const table = RECORD_TABLES[type]
  const fields = def.fields as Record<string, FieldDef>
  const issues: Issue[] = []
  const conditions: SQL[] = []

  const base = listBaseQuerySchema.safeParse(query)
  if (!base.success) throw validationError(base.error, 'query')
  const { sort = def.defaultSort.field, limit, cursor: rawCursor, q, deleted } = base.data
  const dir = base.data.dir ?? (base.data.sort ? 'asc' : def.defaultSort.dir)
  if (!fields[sort]?.sortable) issues.push({ path: 'sort', message: `cannot sort by "${sort}"; sortable: ${Object.keys(fields).filter(k => fields[k]!.sortable).join(', ')}` })
  const cursor = rawCursor ? decodeCursor(rawCursor) : null
  if (rawCursor && !cursor) issues.push({ path: 'cursor', message: 'is not a cursor of this list' })

  if (q) {
    const titleCols = def.title.map(k => column(type, k))
    const pattern = containsPattern(q)
    conditions.push(or(...titleCols.map(c => sql`${c} ilike ${pattern}`))!)
  }

  const customByKey = new Map(customDefs.map(d => [d.key, d]))
  for (const [key, rawValue] of Object.entries(query)) {
    if (key in listBaseQuerySchema.shape) continue
    if (typeof rawValue !== 'string') {
      issues.push({ path: key, message: 'must be given once' })
      continue
    }
    if (type === 'tickets' && key === 'breached') {
      if (rawValue !== 'true' && rawValue !== 'false') issues.push({ path: key, message: 'must be true or false' })
      else conditions.push(rawValue === 'true' ? sql`(${column(type, 'slaDueAt')} < now() and ${column(type, 'status')} not in ('resolved', 'closed'))` : sql`not coalesce(${column(type, 'slaDueAt')} < now() and ${column(type, 'status')} not in ('resolved', 'closed'), false)`)
      continue
    }
    const m = /^(cf\.)?([A-Za-z][A-Za-z0-9_]*?)(From|To)?$/.exec(key)
    const custom = m?.[1] ? customByKey.get(m[2]!) : undefined
    const field: Pick<FieldDef, 'kind' | 'options' | 'filter'> | undefined = m?.[1]
      ? (custom ? { kind: CUSTOM_KIND[custom.type], options: custom.options, filter: custom.type === 'number' || custom.type === 'date' ? 'range' : 'eq' } : undefined)
      : (m ? fields[m[2]!] : undefined)
    const bound = m?.[3] as 'From' | 'To' | undefined
    if (!m || !field?.filter || (bound ? field.filter !== 'range' : field.filter !== 'eq')) {
      issues.push({ path: key, message: 'is not a filter of this list' })
      continue
    }
    const target = custom
      ? (custom.type === 'number' ? sql`(${table.custom} ->> ${custom.key})::numeric` : sql`(${table.custom} ->> ${custom.key})`)
      : column(type, m[2]!)
    if (bound) {
      const parsed = parseValue(field, rawValue, actor, !!custom)
      if (!parsed.ok) {
        issues.push({ path: key, message: parsed.message })
        continue
      }
      conditions.push(bound === 'From' ? sql`${target} >= ${parsed.value}` : sql`${target} <= ${parsed.value}`)
      continue
    }
    const values = rawValue.split(',').map(v => v.trim()).filter(Boolean)
    if (!values.length || values.length > 50) {
      issues.push({ path: key, message: values.length ? 'has more than 50 values' : 'is empty' })
      continue
    }
    const parsed = values.map(v => parseValue(field, v, actor, !!custom))
    const bad = parsed.find(p => !p.ok)
    if (bad && !bad.ok) {
      issues.push({ path: key, message: bad.message })
      continue
    }
    const wanted = parsed.map(p => (p as { value: string | number }).value)
    const none = wanted.includes('none')
    const some = wanted.filter(v => v !== 'none')
    const parts: SQL[] = []
    if (some.length) parts.push(custom ? sql`${target} in ${some.map(String)}` : inArray(column(type, m[2]!), some))
    if (none) parts.push(custom ? sql`${target} is null` : isNull(column(type, m[2]!)))
    conditions.push(parts.length === 1 ? parts[0]! : or(...parts)!)
  }
  if (issues.length) throw apiError(400, 'VALIDATION_FAILED', `Invalid query: ${issues[0]!.path} ${issues[0]!.message}`, issues)

  conditions.push(deleted === 'true' ? isNotNull(table.deletedAt) : isNull(table.deletedAt))
  return { conditions: conditions.filter(Boolean), sort, dir, limit, cursor, deleted: deleted === 'true' }
}

/** The keyset condition after `cursor` for `order by col dir, id dir` (nulls last asc, first desc, as the index). */
export function afterCursor(type: RecordType, plan: ListPlan): SQL | undefined {
  if (!plan.cursor) return undefined
  const col = column(type, plan.sort)
  const id = RECORD_TABLES[type].id
  const { value, id: lastId } = plan.cursor
  // The cursor holds the column's text form (exact, microseconds included); Postgres casts it back.
  if (plan.dir === 'asc') {
    if (value === null) return and(isNull(col), sql`${id} > ${lastId}`)
    const after = sql`(${col}, ${id}) > (${value}, ${lastId})`
    return col.notNull ? after : or(after, isNull(col))
  }
  if (value === null) return or(and(isNull(col), sql`${id} < ${lastId}`), isNotNull(col))
  return sql`(${col}, ${id}) < (${value}, ${lastId})`
}
