import { and, getTableName, sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { PgColumn } from 'drizzle-orm/pg-core'
import type { FieldDef, RecordType } from '#shared/records'
import { RECORDS } from '#shared/records'
import type { CustomFieldDef } from '#shared/schemas/records'
import { currencyDigits } from '#shared/money'
import type { ExprType } from '#shared/report-expressions'
import { analyseExpression } from '#shared/report-expressions'
import type { DateBucket, ReportAggregate, ReportDefinition, ReportField, ReportResultColumn, ReportSource, ReportValueType } from '#shared/reports'
import { AGGREGATE_LABELS, AUDIT_SOURCE, exprTypeOf, REPORT_SOURCES, reportFields, reportRelations, reportSourceInfo } from '#shared/reports'
import type { TenantScope } from '#server/utils/tenant-db'
import { planList } from '#server/services/crm/records/list-query'
import type { RecordTable } from '#server/services/crm/records/registry'
import { RECORD_TABLES } from '#server/services/crm/records/registry'
import type { RecordActor } from '#server/services/crm/records/visibility'
import { visibleTo } from '#server/services/crm/records/visibility'
import { compileExpression } from './expressions'
import { auditFilterConditions, auditSourceSql } from './audit-source'

/**
 * Compiles a report definition to SQL for one viewer. Every value the SQL holds comes from the
 * catalogue (shared/records.ts, the workspace's custom fields) or is a bound parameter; the only
 * text from the client that reaches SQL is parsed first (filters by the lists' own parser,
 * calculated columns by the expression checker). Visibility applies to the report's rows and to
 * the related records its columns read: a related record the viewer may not see reads as empty.
 */

/** Who runs a report and with which workspace settings. */
export interface ReportViewer {
  actor: RecordActor
  /** Record types whose module is on and whose records the viewer's role reads (and `audit` with `audit:read`). */
  readable: readonly ReportSource[]
  timeZone: string
  currency: string
}

type Issue = { path: string, message: string }

/** A field of the report with its SQL: the value as typed (numeric, text, date, timestamptz). */
interface Resolved { field: ReportField, sql: SQL }

export interface CompiledReport {
  def: ReportDefinition
  /** The columns shown (hidden ones are left out), with their SQL. */
  columns: (ReportResultColumn & { sql: SQL })[]
  groups: { column: ReportResultColumn, sql: SQL }[]
  /** Aggregates over their row values (`input`), computed by `aggregateSql`; `at` is the definition's index. */
  aggregates: (ReportResultColumn & { fn: ReportAggregate, input: SQL | null, at: number })[]
  from: SQL
  where: SQL
  /** Orders of the detail rows (always ending on the id, so pages are stable). */
  order: SQL[]
  /** Sorts of a grouped report: a group or an aggregate by index, in the definition's order. */
  groupSort: { kind: 'group' | 'aggregate', index: number, dir: 'asc' | 'desc' }[]
  hidden: string[]
  filterSummary: string[]
}

const BUCKET_FORMAT: Record<DateBucket, string> = {
  day: 'YYYY-MM-DD', week: 'IYYY-"W"IW', month: 'YYYY-MM', quarter: 'YYYY-"Q"Q', year: 'YYYY',
}

const AGGREGATE_SQL = {
  sum: (v: SQL) => sql`sum(${v})`,
  avg: (v: SQL) => sql`avg(${v})`,
  min: (v: SQL) => sql`min(${v})`,
  max: (v: SQL) => sql`max(${v})`,
} as const

/** An aggregate over `ref` (its row values, as a grouped query's inner select names them), typed for the answer. */
export function aggregateSql(a: CompiledReport['aggregates'][number], ref: SQL): SQL {
  if (a.fn === 'count') return a.input ? sql`count(${ref})::float8` : sql`count(*)::float8`
  if (a.fn === 'distinct') return sql`count(distinct ${ref})::float8`
  return output(AGGREGATE_SQL[a.fn](ref), a.type)
}

const col = (table: RecordTable, key: string) => (table as unknown as Record<string, PgColumn>)[key]!

/** The SQL of every field a report over record type `source` may name, for this viewer. */
function fieldSql(scope: TenantScope, source: RecordType, viewer: ReportViewer, customDefs: readonly CustomFieldDef[]) {
  const base = RECORD_TABLES[source]
  const joins: SQL[] = []
  const tables = new Map<string, { table: RecordTable, type: RecordType }>([['', { table: base, type: source }]])
  for (const rel of reportRelations(source)) {
    if (!viewer.readable.includes(rel.type)) continue
    const aliased = alias(RECORD_TABLES[rel.type] as never, `rel_${rel.name}`) as unknown as RecordTable
    tables.set(`${rel.name}.`, { table: aliased, type: rel.type })
    // A reference to a record in the bin, or to one the viewer's scope hides, reads as empty.
    joins.push(sql`left join ${sql.identifier(getTableName(RECORD_TABLES[rel.type]))} ${sql.identifier(`rel_${rel.name}`)} on ${and(
      sql`${aliased.tenantId} = ${base.tenantId}`,
      sql`${aliased.id} = ${col(base, rel.key)}`,
      sql`${aliased.deletedAt} is null`,
      visibleTo(scope, viewer.actor, aliased.ownerId),
    )}`)
  }
  const digits = currencyDigits(viewer.currency)
  const map = new Map<string, SQL>()
  /** A catalogue field's value as typed SQL; a reference to a type the viewer cannot read has none. */
  const valueSql = (f: FieldDef, key: string, c: PgColumn, prefix: string, type: RecordType): SQL | undefined => {
    switch (f.kind) {
      case 'user': return sql`(select u.name from users u where u.tenant_id = ${scope.tenantId} and u.id = ${c})`
      case 'money': return sql`(${c}::numeric / ${10 ** digits}::numeric)`
      case 'number': return sql`${c}::numeric`
      case 'enum': return sql`${c}::text`
      case 'ref': {
        if (f.ref === 'pipelines') return sql`(select p.name from pipelines p where p.tenant_id = ${scope.tenantId} and p.id = ${c})`
        if (f.ref === 'stages') return sql`(select s.name from pipeline_stages s where s.tenant_id = ${scope.tenantId} and s.id = ${c})`
        // A reference shows the title of the record it points at, when the viewer reads its type.
        const rel = prefix === '' ? reportRelations(type).find(r => r.key === key) : undefined
        const joined = rel ? tables.get(`${rel.name}.`) : undefined
        if (!joined) return undefined
        const titleCols = RECORDS[joined.type].title.map(k => col(joined.table, k))
        return titleCols.length === 1 ? sql`${titleCols[0]}::text` : sql`nullif(concat_ws(' ', ${sql.join(titleCols, sql`, `)}), '')`
      }
      default: return sql`${c}`
    }
  }
  for (const [prefix, { table, type }] of tables) {
    const fields = RECORDS[type].fields as Record<string, FieldDef>
    for (const [key, f] of Object.entries(fields)) {
      const c = col(table, key)
      const value = valueSql(f, key, c, prefix, type)
      if (value) map.set(`${prefix}${key}`, value)
    }
    for (const d of customDefs.filter(c => c.recordType === type)) {
      const raw = sql`(${table.custom} ->> ${d.key})`
      map.set(`${prefix}cf.${d.key}`, d.type === 'number' ? sql`${raw}::numeric` : d.type === 'date' ? sql`${raw}::date` : raw)
    }
  }
  return { base, joins, map }
}

/**
 * Where a report over `source` reads from, the rows this viewer may see there, the id that keeps
 * its order stable, and every field's SQL: a record type (its table, the related records its
 * references reach, the viewer's record scope) or the audit log.
 */
function sourceSql(scope: TenantScope, source: ReportSource, viewer: ReportViewer, customDefs: readonly CustomFieldDef[]): { from: SQL, baseWhere: SQL, id: SQL, map: Map<string, SQL> } {
  if (source === AUDIT_SOURCE) {
    const audit = auditSourceSql(scope)
    return { from: audit.from, baseWhere: audit.where, id: audit.id, map: audit.map }
  }
  const { base, joins, map } = fieldSql(scope, source, viewer, customDefs)
  return {
    from: sql`${base} ${sql.join(joins, sql` `)}`,
    baseWhere: and(sql`${base.tenantId} = ${scope.tenantId}`, visibleTo(scope, viewer.actor, base.ownerId))!,
    id: sql`${base.id}`,
    map,
  }
}

/** A value as the answer carries it: numbers as float8, dates as YYYY-MM-DD, times as ISO 8601 in UTC, text as text. */
function output(value: SQL, type: ReportValueType): SQL {
  switch (type) {
    case 'number': case 'money': case 'percent': return sql`(${value})::float8`
    case 'date': return sql`to_char(${value}, 'YYYY-MM-DD')`
    case 'datetime': return sql`to_char((${value}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    case 'boolean': return sql`(${value})::boolean`
    default: return sql`(${value})::text`
  }
}

const CALC_TYPE: Record<ExprType, ReportValueType> = { number: 'number', text: 'text', date: 'date', datetime: 'datetime', boolean: 'boolean' }

/**
 * Checks a definition for a viewer and compiles it. `strict` (saving): every field must be known
 * and readable, or it is a 400 naming it. Otherwise (running a saved report for someone else):
 * columns and aggregates over fields the viewer cannot read are left out and named in `hidden`;
 * a group or sort over one, or a report over a type the viewer cannot read, is a 403.
 */
export function compileReport(scope: TenantScope, def: ReportDefinition, viewer: ReportViewer, customDefs: readonly CustomFieldDef[], strict: boolean): CompiledReport {
  const issues: Issue[] = []
  if (!viewer.readable.includes(def.source)) {
    throw apiError(strict ? 400 : 403, strict ? 'VALIDATION_FAILED' : 'FORBIDDEN', `Your role cannot read ${def.source === AUDIT_SOURCE ? 'the audit log' : reportSourceInfo(def.source).label.toLowerCase()}, which this report is over`)
  }
  const visible = reportFields(def.source, customDefs, viewer.readable)
  const everything = reportFields(def.source, customDefs, REPORT_SOURCES)
  const { from, baseWhere, id, map } = sourceSql(scope, def.source, viewer, customDefs)
  const byPath = new Map<string, Resolved>()
  for (const f of visible) {
    const s = map.get(f.path)
    if (s) byPath.set(f.path, { field: f, sql: s })
  }
  /** Why a path cannot be used: unknown, or hidden from this viewer. */
  const problem = (path: string): string => everything.some(f => f.path === path) ? `Your role cannot read "${path}"` : `Unknown field "${path}"`

  // Calculated columns: parsed, type-checked against the catalogue, compiled with bound values.
  const calcs = new Map<string, Resolved>()
  /** Calculated columns that failed their check: what names them says nothing more. */
  const broken = new Set<string>()
  def.calculations.forEach((calc, i) => {
    const typeOf = (name: string) => {
      const f = byPath.get(name)?.field
      return f ? exprTypeOf(f.type) : undefined
    }
    const checked = analyseExpression(calc.expression, typeOf)
    if (!checked.ok) {
      // An expression over a field this viewer cannot read is hidden for them, not broken.
      const unknown = /^Unknown field "(.+)"$/.exec(checked.message)?.[1]
      if (!strict && unknown && everything.some(f => f.path === unknown)) return
      broken.add(`calc.${calc.key}`)
      issues.push({ path: `calculations.${i}.expression`, message: `${calc.label}: ${unknown ? problem(unknown) : checked.message} (at character ${checked.at + 1})` })
      return
    }
    const type = checked.type === 'number' && calc.format ? calc.format : CALC_TYPE[checked.type]
    const compiled = compileExpression(checked.ast, {
      field: name => byPath.get(name)!.sql,
      fieldType: typeOf,
      timeZone: viewer.timeZone,
    })
    calcs.set(`calc.${calc.key}`, { field: { path: `calc.${calc.key}`, label: calc.label, group: 'Calculated', type, bucketable: type === 'date' || type === 'datetime' }, sql: compiled })
  })
  const resolve = (path: string) => byPath.get(path) ?? calcs.get(path)
  const known = (path: string) => everything.some(f => f.path === path) || def.calculations.some(c => `calc.${c.key}` === path)
  const labelOf = (path: string) => everything.find(f => f.path === path)?.label ?? def.calculations.find(c => `calc.${c.key}` === path)?.label ?? path

  const hidden: string[] = []
  const columns: CompiledReport['columns'] = []
  // Keys name the field (a file's JSON carries them); the same field twice gets a suffix.
  const used = new Set<string>()
  const keyOf = (wanted: string) => {
    let key = wanted
    for (let n = 2; used.has(key); n++) key = `${wanted}_${n}`
    used.add(key)
    return key
  }
  def.columns.forEach((c, i) => {
    const r = resolve(c.field)
    if (broken.has(c.field)) return
    if (r) columns.push({ key: keyOf(c.field), label: c.label ?? r.field.label, type: r.field.type, ...(r.field.type === 'money' ? { currency: viewer.currency } : {}), sql: output(r.sql, r.field.type) })
    else if (strict || !known(c.field)) issues.push({ path: `columns.${i}.field`, message: c.field.startsWith('calc.') ? `No calculated column "${c.field.slice(5)}"` : problem(c.field) })
    else hidden.push(c.label ?? labelOf(c.field))
  })

  const groups: CompiledReport['groups'] = []
  def.groupBy.forEach((g, i) => {
    const r = resolve(g.field)
    if (broken.has(g.field)) return
    if (!r) {
      if (!strict && known(g.field)) throw apiError(403, 'FORBIDDEN', `This report groups by a field your role cannot read (${g.field})`)
      issues.push({ path: `groupBy.${i}.field`, message: problem(g.field) })
      return
    }
    if (g.bucket && !r.field.bucketable) {
      issues.push({ path: `groupBy.${i}.bucket`, message: `${r.field.label} is not a date, so it cannot be grouped by ${g.bucket}` })
      return
    }
    const value = g.bucket
      ? sql`to_char(date_trunc(${g.bucket}, ${r.field.type === 'datetime' ? sql`(${r.sql}) at time zone ${viewer.timeZone}` : sql`(${r.sql})::timestamp`}), ${BUCKET_FORMAT[g.bucket]})`
      : output(r.sql, r.field.type)
    const type: ReportValueType = g.bucket ? 'text' : r.field.type
    groups.push({ column: { key: keyOf(g.bucket ? `${g.field}.${g.bucket}` : g.field), label: g.bucket ? `${r.field.label} (${g.bucket})` : r.field.label, type, ...(type === 'money' ? { currency: viewer.currency } : {}) }, sql: value })
  })

  const aggregates: CompiledReport['aggregates'] = []
  def.aggregates.forEach((a, i) => {
    const r = a.field ? resolve(a.field) : undefined
    if (a.field && broken.has(a.field)) return
    if (a.field && !r) {
      if (strict || !known(a.field)) issues.push({ path: `aggregates.${i}.field`, message: problem(a.field) })
      else hidden.push(a.label ?? `${AGGREGATE_LABELS[a.fn]} of ${labelOf(a.field).toLowerCase()}`)
      return
    }
    const label = a.label ?? (r ? `${AGGREGATE_LABELS[a.fn]} of ${r.field.label.toLowerCase()}` : 'Count')
    const numeric = r && ['number', 'money', 'percent'].includes(r.field.type)
    const dated = r && ['date', 'datetime'].includes(r.field.type)
    if ((a.fn === 'sum' || a.fn === 'avg') && !numeric) {
      issues.push({ path: `aggregates.${i}.fn`, message: `${AGGREGATE_LABELS[a.fn]} needs a number, and ${r!.field.label} is ${r!.field.type === 'text' ? 'text' : `a ${r!.field.type}`}` })
      return
    }
    if ((a.fn === 'min' || a.fn === 'max') && !numeric && !dated) {
      issues.push({ path: `aggregates.${i}.fn`, message: `${AGGREGATE_LABELS[a.fn]} needs a number or a date, and ${r!.field.label} is text` })
      return
    }
    const type: ReportValueType = a.fn === 'count' || a.fn === 'distinct' ? 'number' : r!.field.type
    aggregates.push({ key: keyOf(`${a.fn}${a.field ? `.${a.field}` : ''}`), label, type, ...(type === 'money' ? { currency: viewer.currency } : {}), fn: a.fn, input: r?.sql ?? null, at: i })
  })

  // Sorts: detail rows by any field or calculated column; groups by a group field or an aggregate (`agg.<n>`).
  const order: SQL[] = []
  const groupSort: CompiledReport['groupSort'] = []
  def.sort.forEach((s, i) => {
    const agg = /^agg\.(\d+)$/.exec(s.field)
    if (def.groupBy.length) {
      const gi = def.groupBy.findIndex(g => g.field === s.field)
      // An aggregate left out for this viewer sorts nothing.
      const shown = agg ? aggregates.findIndex(x => x.at === Number(agg[1])) : -1
      if (agg && Number(agg[1]) < def.aggregates.length) {
        if (shown >= 0) groupSort.push({ kind: 'aggregate', index: shown, dir: s.dir })
      }
      else if (gi >= 0) groupSort.push({ kind: 'group', index: gi, dir: s.dir })
      else issues.push({ path: `sort.${i}.field`, message: 'A grouped report sorts by one of its groups or aggregates' })
      return
    }
    const r = resolve(s.field)
    if (!r) {
      if (!strict && known(s.field)) throw apiError(403, 'FORBIDDEN', `This report sorts by a field your role cannot read (${s.field})`)
      issues.push({ path: `sort.${i}.field`, message: problem(s.field) })
      return
    }
    order.push(s.dir === 'asc' ? sql`${r.sql} asc nulls last` : sql`${r.sql} desc nulls last`)
  })
  order.push(sql`${id} asc`)

  // Filters: the lists' own parser, so a report filters exactly as its list does (the audit log's own over it).
  let filterConditions: SQL[] = []
  if (def.source === AUDIT_SOURCE) {
    const planned = auditFilterConditions(def.filters, map, viewer.timeZone)
    filterConditions = planned.conditions
    for (const issue of planned.issues.slice(0, 1)) issues.push({ path: `filters.${issue.path}`, message: `Filter ${issue.path} ${issue.message}` })
  }
  else {
    try {
      filterConditions = planList(scope, def.source, def.filters, customDefs.filter(c => c.recordType === def.source), viewer.actor).conditions
    }
    catch (error) {
      const issue = (error as { data?: { issues?: Issue[] } }).data?.issues?.[0]
      if (!issue) throw error
      issues.push({ path: `filters.${issue.path}`, message: `Filter ${issue.path} ${issue.message}` })
    }
  }
  if (!groups.length && !columns.length && !issues.length) issues.push({ path: 'columns', message: 'None of this report\'s columns can be shown to you' })
  if (issues.length) throw apiError(400, 'VALIDATION_FAILED', issues[0]!.message, issues)

  const where = and(baseWhere, ...filterConditions)!
  return {
    def,
    columns,
    groups,
    aggregates,
    from,
    where,
    order,
    groupSort,
    hidden,
    filterSummary: summariseFilters(def, visible),
  }
}

/** The filters as people read them: "Status: open, won", "Amount from 1,000", "Search: acme". */
function summariseFilters(def: ReportDefinition, fields: ReportField[]): string[] {
  const labels = new Map(fields.map(f => [f.path, f]))
  return Object.entries(def.filters).map(([key, value]) => {
    if (key === 'q') return `Search: ${value}`
    if (key === 'breached') return value === 'true' ? 'SLA breached' : 'SLA not breached'
    const m = /^(.*?)(From|To)?$/.exec(key)!
    const f = labels.get(m[1]!)
    const label = f?.label ?? m[1]!
    const shown = f?.type === 'money' ? `${value} (minor units)` : value
    if (m[2] === 'From') return `${label} from ${shown}`
    if (m[2] === 'To') return `${label} to ${shown}`
    return `${label}: ${value.split(',').join(', ')}`
  })
}

/** The condition that keeps a group's rows: each group value given, or empty where it is null. */
export function drillCondition(compiled: CompiledReport, values: readonly (string | null)[]): SQL {
  if (values.length > compiled.groups.length) throw apiError(400, 'VALIDATION_FAILED', 'The drill-down names more groups than the report has')
  return and(...values.map((v, i) => v === null
    ? sql`(${compiled.groups[i]!.sql}) is null`
    : sql`(${compiled.groups[i]!.sql})::text = ${v}`))!
}
