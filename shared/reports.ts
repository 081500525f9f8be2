import { z } from 'zod'
import type { FieldDef, RecordType } from './records'
import { RECORD_TYPES, RECORDS } from './records'
import type { CustomFieldDef } from './schemas/records'
import type { ExprType } from './report-expressions'
import { EXPR_MAX_LENGTH } from './report-expressions'
import { AUDIT_ACTIONS, AUDIT_AREAS, COMPLIANCE_CATEGORIES } from './audit-actions'

/**
 * Reports (issue 23): a saved question over one record type, its related records through their
 * references (deal → account, ticket → contact), and calculated columns; or over the workspace's
 * audit log (the compliance report). The definition is plain
 * data, checked by zod here and by the server against the viewer's permissions and the
 * workspace's custom fields; the server builds its SQL from the catalogue below, never from text.
 *
 * A field is named by a path:
 * - `name`, `amountMinor`, `cf.region`: a field or custom field of the report's record type;
 * - `account.name`, `account.cf.tier`: the same on the record a reference points at (the
 *   reference's key without `Id`: `accountId` → `account`), one step deep;
 * - `calc.<key>`: a calculated column of the report.
 */

/**
 * What a report is over: a record type, or the workspace's audit log (`audit`, for whoever holds
 * `audit:read`: the compliance report). The audit log has fields of its own and no relations.
 */
export const REPORT_SOURCES = [...RECORD_TYPES, 'audit'] as const
export type ReportSource = typeof REPORT_SOURCES[number]
export const AUDIT_SOURCE = 'audit' as const satisfies ReportSource

/** How a source is named and drawn on screen. */
export function reportSourceInfo(source: ReportSource): { label: string, singular: string, icon: string } {
  if (source === AUDIT_SOURCE) return { label: 'Audit log', singular: 'Audit entry', icon: 'i-lucide-shield-check' }
  const r = RECORDS[source]
  return { label: r.label, singular: r.singular, icon: r.icon }
}

/** The columns a new report over `source` starts with: a record's title, or when, what and who for the audit log. */
export function firstColumns(source: ReportSource): { field: string }[] {
  if (source === AUDIT_SOURCE) return [{ field: 'createdAt' }, { field: 'action' }, { field: 'actor' }]
  return RECORDS[source].title.map(field => ({ field }))
}

export const REPORT_AGGREGATES = ['count', 'sum', 'avg', 'min', 'max', 'distinct'] as const
export type ReportAggregate = typeof REPORT_AGGREGATES[number]
export const AGGREGATE_LABELS: Record<ReportAggregate, string> = {
  count: 'Count', sum: 'Sum', avg: 'Average', min: 'Minimum', max: 'Maximum', distinct: 'Distinct count',
}

export const DATE_BUCKETS = ['day', 'week', 'month', 'quarter', 'year'] as const
export type DateBucket = typeof DATE_BUCKETS[number]

/** The most rows a report returns (on screen, in a file or a delivery); more is a clear error, never a cut file. */
export const REPORT_MAX_ROWS = 100_000
/** Rows the builder's live preview shows. */
export const REPORT_PREVIEW_ROWS = 200
/** Rows a saved report shows on screen (the files carry up to REPORT_MAX_ROWS). */
export const REPORT_SCREEN_ROWS = 2_000

/** How a report's cell is typed: it decides the alignment on screen, the XLSX cell and number format. */
export type ReportValueType = 'text' | 'number' | 'money' | 'percent' | 'date' | 'datetime' | 'boolean'

/** One field a report can show, filter, group or compute on. */
export interface ReportField {
  path: string
  label: string
  /** The group it is listed under in the builder: the record type's singular, or "Calculated". */
  group: string
  type: ReportValueType
  /** Options of an enum, so a drill-down or a filter can offer them. */
  options?: readonly string[]
  /** Date and time fields can be grouped by day, week, month… */
  bucketable: boolean
}

/** How a field's kind reads in a report. Owners, references, stages and pipelines show names. */
function valueType(kind: FieldDef['kind']): ReportValueType {
  switch (kind) {
    case 'number': return 'number'
    case 'money': return 'money'
    case 'date': return 'date'
    case 'datetime': return 'datetime'
    default: return 'text'
  }
}

const CUSTOM_TYPE: Record<CustomFieldDef['type'], ReportValueType> = { text: 'text', number: 'number', date: 'date', select: 'text' }

/** The type a field has in a calculated column's expression (money is a number in the workspace's currency). */
export function exprTypeOf(type: ReportValueType): ExprType {
  return type === 'money' || type === 'percent' ? 'number' : type
}

/** The relations a record type reaches: `account` for `accountId`, and so on (record references only). */
export function reportRelations(type: RecordType): { name: string, key: string, type: RecordType }[] {
  const fields = RECORDS[type].fields as Record<string, FieldDef>
  return Object.entries(fields)
    .filter(([, f]) => f.kind === 'ref' && (RECORD_TYPES as readonly string[]).includes(f.ref ?? ''))
    .map(([key, f]) => ({ name: key.replace(/Id$/, ''), key, type: f.ref as RecordType }))
}

function typeFields(type: RecordType, prefix: string, group: string, customDefs: readonly CustomFieldDef[], readable: readonly ReportSource[]): ReportField[] {
  const fields = RECORDS[type].fields as Record<string, FieldDef>
  const out: ReportField[] = []
  for (const [key, f] of Object.entries(fields)) {
    if (f.kind === 'longtext' || key === 'relatedId') continue
    // A reference shows its record's title: only one step from the report's type, and only to a type the viewer reads.
    const recordRef = f.kind === 'ref' && (RECORD_TYPES as readonly string[]).includes(f.ref ?? '')
    if (recordRef && (prefix || !readable.includes(f.ref as RecordType))) continue
    const t = valueType(f.kind)
    out.push({ path: `${prefix}${key}`, label: prefix ? `${group} ${f.label.toLowerCase()}` : f.label, group, type: t, ...(f.options ? { options: f.options } : {}), bucketable: t === 'date' || t === 'datetime' })
  }
  for (const d of customDefs.filter(c => c.recordType === type)) {
    const t = CUSTOM_TYPE[d.type]
    out.push({ path: `${prefix}cf.${d.key}`, label: prefix ? `${group} ${d.label.toLowerCase()}` : d.label, group, type: t, ...(d.type === 'select' ? { options: d.options } : {}), bucketable: t === 'date' })
  }
  return out
}

/** Who can act in the audit log: a member, an API key, the platform itself, a super admin, or someone not signed in (a failed sign-in). */
export const AUDIT_ACTOR_TYPES = ['user', 'api_key', 'system', 'platform_admin', 'anonymous'] as const

const AUDIT_GROUP = 'Audit entry'
const auditField = (path: string, label: string, type: ReportValueType, options?: readonly string[]): ReportField =>
  ({ path, label, group: AUDIT_GROUP, type, ...(options ? { options } : {}), bucketable: type === 'datetime' })

/** The audit log's fields in a report: who did what, when, to what, from where (never the values it recorded). */
export const AUDIT_REPORT_FIELDS: readonly ReportField[] = [
  auditField('createdAt', 'When', 'datetime'),
  auditField('action', 'Action', 'text', AUDIT_ACTIONS.filter(a => a.log !== 'platform').map(a => a.label)),
  auditField('actionKey', 'Action key', 'text'),
  auditField('area', 'Area', 'text', AUDIT_AREAS),
  auditField('compliance', 'Compliance category', 'text', COMPLIANCE_CATEGORIES),
  auditField('actor', 'Who', 'text'),
  auditField('actorEmail', 'Who (email)', 'text'),
  auditField('actorType', 'Actor kind', 'text', AUDIT_ACTOR_TYPES),
  auditField('entityType', 'Target type', 'text'),
  auditField('entityId', 'Target', 'text'),
  auditField('ip', 'IP address', 'text'),
  auditField('impersonated', 'By a super admin', 'boolean'),
]

/**
 * Every field a report over `type` can use, for a viewer who reads `readable` sources: the type's
 * own fields and custom fields, then those of each related type the viewer reads. A related type
 * the viewer cannot read brings no fields, so none of its values can be shown. The audit log has
 * its own fields.
 */
export function reportFields(type: ReportSource, customDefs: readonly CustomFieldDef[], readable: readonly ReportSource[]): ReportField[] {
  if (type === AUDIT_SOURCE) return [...AUDIT_REPORT_FIELDS]
  const out = typeFields(type, '', RECORDS[type].singular, customDefs, readable)
  for (const rel of reportRelations(type)) {
    if (!readable.includes(rel.type)) continue
    out.push(...typeFields(rel.type, `${rel.name}.`, (RECORDS[type].fields as Record<string, FieldDef>)[rel.key]!.label, customDefs, readable))
  }
  return out
}

const path = z.string().trim().min(1).max(120).regex(/^(?:[a-z]+\.)?(?:cf\.|calc\.)?[A-Za-z][A-Za-z0-9_]*$/, 'must be a field path such as name, cf.region, account.name or calc.margin')
const label = z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters')

export const reportColumnSchema = z.object({ field: path, label: label.optional() }).strict()
export const reportCalculationSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be lower case letters, digits and _ (starting with a letter)'),
  label,
  expression: z.string().trim().min(1, 'must not be empty').max(EXPR_MAX_LENGTH, `must be at most ${EXPR_MAX_LENGTH} characters`),
  /** How its numbers read: plain, money in the workspace's currency, or a percentage (0–100). */
  format: z.enum(['number', 'money', 'percent']).optional(),
}).strict()
export const reportGroupSchema = z.object({ field: path, bucket: z.enum(DATE_BUCKETS).optional() }).strict()
export const reportAggregateSchema = z.object({
  fn: z.enum(REPORT_AGGREGATES),
  field: path.optional(),
  label: label.optional(),
}).strict().refine(a => a.fn === 'count' || !!a.field, { message: 'needs a field (only count may go without)', path: ['field'] })
export const reportSortSchema = z.object({ field: z.string().trim().min(1).max(120), dir: z.enum(['asc', 'desc']) }).strict()

/** List query keys that are about paging or the bin, not which rows: a report's filters may not carry them. */
const NOT_FILTERS = ['limit', 'cursor', 'sort', 'dir', 'deleted', 'columns', 'format']

export const reportDefinitionSchema = z.object({
  source: z.enum(REPORT_SOURCES),
  columns: z.array(reportColumnSchema).min(1, 'needs at least one column').max(40, 'has more than 40 columns'),
  calculations: z.array(reportCalculationSchema).max(20, 'has more than 20 calculated columns').default([]),
  /** The lists' filter language (`status=open`, `amountMinorFrom=1000`, `cf.region=EU`, `q=text`), as a list's query string holds it. */
  filters: z.record(z.string().max(80), z.string().max(2000)).default({})
    .refine(f => Object.keys(f).length <= 30, 'has more than 30 filters')
    .refine(f => !Object.keys(f).some(k => NOT_FILTERS.includes(k)), { message: `may not hold ${NOT_FILTERS.join(', ')}` }),
  /** Up to two levels; grouped reports show one row per group with the aggregates, subtotals and a total. */
  groupBy: z.array(reportGroupSchema).max(2, 'groups by at most two fields').default([]),
  aggregates: z.array(reportAggregateSchema).max(10, 'has more than 10 aggregates').default([]),
  sort: z.array(reportSortSchema).max(3, 'sorts by at most three fields').default([]),
  /** The first N rows (or groups) in the report's order; none: every row, up to REPORT_MAX_ROWS (more is refused, never cut). */
  limit: z.number().int().min(1).max(REPORT_MAX_ROWS, `must be at most ${REPORT_MAX_ROWS.toLocaleString('en')}`).nullable().default(null),
  chart: z.enum(['bar', 'line', 'pie']).nullable().default(null),
}).strict().superRefine((d, ctx) => {
  const keys = d.calculations.map(c => c.key)
  keys.forEach((k, i) => {
    if (keys.indexOf(k) !== i) ctx.addIssue({ code: 'custom', path: ['calculations', i, 'key'], message: `"${k}" is used twice` })
  })
  if (d.groupBy.length && !d.aggregates.length) ctx.addIssue({ code: 'custom', path: ['aggregates'], message: 'A grouped report needs at least one aggregate (count, sum…)' })
})
export type ReportDefinition = z.infer<typeof reportDefinitionSchema>
export type ReportDefinitionInput = z.input<typeof reportDefinitionSchema>

/** Who sees a report: its author only, the members of chosen roles, or everyone in the workspace who reads reports. */
export const REPORT_VISIBILITIES = ['private', 'roles', 'workspace'] as const
export type ReportVisibility = typeof REPORT_VISIBILITIES[number]

/** One column of a report's answer. */
export interface ReportResultColumn {
  key: string
  label: string
  type: ReportValueType
  /** Money columns: the currency of their amounts (the workspace's). */
  currency?: string
}

/**
 * One row of a report's answer: cells in column order. In a grouped report, `level` says what the
 * row is (0: a group at the deepest level, 1: a subtotal of the first level, 2: the grand total)
 * and `drill` the group values that open its records.
 */
export interface ReportResultRow {
  cells: (string | number | boolean | null)[]
  level?: 0 | 1 | 2
  drill?: (string | null)[]
}

export interface ReportResult {
  columns: ReportResultColumn[]
  rows: ReportResultRow[]
  grouped: boolean
  /** How many of the columns are group columns (the rest are aggregates); 0 for records. */
  groupColumns: number
  /** More rows matched than were returned (the preview's or the screen's cap). */
  truncated: boolean
  /** Labels of the columns left out because the viewer cannot read them. */
  hidden: string[]
  /** The filters as people read them ("Status is open"), for headers of files and screens. */
  filterSummary: string[]
  ranAt: string
  timeZone: string
}

export function isReportField(fields: readonly ReportField[], path: string): boolean {
  return fields.some(f => f.path === path)
}

/** The definition as the builder sends it: a filter added but not yet given a value filters nothing. */
export function withoutEmptyFilters<T extends { filters: Record<string, string> }>(def: T): T {
  return { ...def, filters: Object.fromEntries(Object.entries(def.filters).filter(([, v]) => v.trim() !== '')) }
}
