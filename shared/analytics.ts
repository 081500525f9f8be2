import { z } from 'zod'
import type { FeatureKey } from './features'
import type { Resource } from './permissions'
import type { RecordType } from './records'

/**
 * The one catalogue of what dashboards can show (issue 9). A widget names a metric, at most two
 * dimensions and filters from here; the server builds the SQL from the catalogue
 * (server/services/analytics/), never from names or SQL sent by the client. Keys are stable:
 * saved dashboards store them.
 */

/** How a metric's value is shown: a count, money in minor units, a fraction (0.25 = 25 %), days or hours. */
export type MetricFormat = 'count' | 'money' | 'percent' | 'days' | 'hours'

export interface MetricDef {
  label: string
  description: string
  /** The record table it aggregates; `activities` is the timeline. */
  source: RecordType | 'activities'
  /** The module that must be on, and the resource the person must read. */
  feature: FeatureKey
  resource: Resource
  format: MetricFormat
  /** Which dimensions it can be broken down by. */
  dimensions: readonly DimensionKey[]
  /** Snapshot metrics are measured at the end of the range (e.g. open pipeline value); flow metrics sum over it. */
  kind: 'flow' | 'snapshot'
}

export interface DimensionDef {
  label: string
  /** `time` dimensions bucket the metric's date in the workspace's time zone; the rest are categories. */
  kind: 'time' | 'category'
}

export const DIMENSIONS = {
  day: { label: 'Day', kind: 'time' },
  week: { label: 'Week', kind: 'time' },
  month: { label: 'Month', kind: 'time' },
  weekday: { label: 'Weekday', kind: 'category' },
  hour: { label: 'Hour of day', kind: 'category' },
  owner: { label: 'Owner', kind: 'category' },
  stage: { label: 'Stage', kind: 'category' },
  pipeline: { label: 'Pipeline', kind: 'category' },
  status: { label: 'Status', kind: 'category' },
  source: { label: 'Source', kind: 'category' },
  priority: { label: 'Priority', kind: 'category' },
  channel: { label: 'Channel', kind: 'category' },
  industry: { label: 'Industry', kind: 'category' },
  country: { label: 'Country', kind: 'category' },
  activityKind: { label: 'Activity kind', kind: 'category' },
} as const satisfies Record<string, DimensionDef>

export type DimensionKey = keyof typeof DIMENSIONS
export const DIMENSION_KEYS = Object.keys(DIMENSIONS) as DimensionKey[]

const TIME = ['day', 'week', 'month', 'weekday', 'hour'] as const satisfies DimensionKey[]
const DEAL_DIMS = [...TIME, 'owner', 'stage', 'pipeline', 'status', 'source'] as const satisfies DimensionKey[]

export const METRICS = {
  'deals.count': { label: 'Deals', description: 'Deals created in the period.', source: 'deals', feature: 'crm', resource: 'deals', format: 'count', kind: 'flow', dimensions: DEAL_DIMS },
  'deals.open_value': { label: 'Open pipeline value', description: 'Amount of deals open at the end of the period.', source: 'deals', feature: 'crm', resource: 'deals', format: 'money', kind: 'snapshot', dimensions: ['owner', 'stage', 'pipeline', 'source'] },
  'deals.open_count': { label: 'Open deals', description: 'Deals open at the end of the period.', source: 'deals', feature: 'crm', resource: 'deals', format: 'count', kind: 'snapshot', dimensions: ['owner', 'stage', 'pipeline', 'source'] },
  'deals.won_value': { label: 'Won', description: 'Amount of deals won in the period.', source: 'deals', feature: 'crm', resource: 'deals', format: 'money', kind: 'flow', dimensions: [...TIME, 'owner', 'pipeline', 'source'] },
  'deals.won_count': { label: 'Deals won', description: 'Deals won in the period.', source: 'deals', feature: 'crm', resource: 'deals', format: 'count', kind: 'flow', dimensions: [...TIME, 'owner', 'pipeline', 'source'] },
  'deals.forecast_value': { label: 'Forecast', description: 'Open deals by expected close date, weighted by their stage\'s probability.', source: 'deals', feature: 'crm', resource: 'deals', format: 'money', kind: 'flow', dimensions: ['day', 'week', 'month', 'owner', 'stage', 'pipeline', 'source'] },
  'deals.win_rate': { label: 'Win rate', description: 'Won among deals closed (won or lost) in the period.', source: 'deals', feature: 'crm', resource: 'deals', format: 'percent', kind: 'flow', dimensions: ['month', 'owner', 'pipeline', 'source'] },
  'deals.cycle_days': { label: 'Average deal cycle', description: 'Average days from creation to winning, for deals won in the period.', source: 'deals', feature: 'crm', resource: 'deals', format: 'days', kind: 'flow', dimensions: ['month', 'owner', 'pipeline', 'source'] },
  'leads.count': { label: 'New leads', description: 'Leads created in the period.', source: 'leads', feature: 'crm', resource: 'leads', format: 'count', kind: 'flow', dimensions: [...TIME, 'owner', 'status', 'source'] },
  'leads.conversion_rate': { label: 'Lead conversion', description: 'Converted among leads created in the period.', source: 'leads', feature: 'crm', resource: 'leads', format: 'percent', kind: 'flow', dimensions: ['month', 'owner', 'source'] },
  'accounts.count': { label: 'New accounts', description: 'Accounts created in the period.', source: 'accounts', feature: 'crm', resource: 'accounts', format: 'count', kind: 'flow', dimensions: [...TIME, 'owner', 'industry', 'country'] },
  'contacts.count': { label: 'New contacts', description: 'Contacts created in the period.', source: 'contacts', feature: 'crm', resource: 'contacts', format: 'count', kind: 'flow', dimensions: [...TIME, 'owner'] },
  'tickets.count': { label: 'Tickets', description: 'Tickets opened in the period.', source: 'tickets', feature: 'tickets', resource: 'tickets', format: 'count', kind: 'flow', dimensions: [...TIME, 'owner', 'status', 'priority', 'channel'] },
  'tickets.open': { label: 'Open tickets', description: 'Tickets not resolved at the end of the period.', source: 'tickets', feature: 'tickets', resource: 'tickets', format: 'count', kind: 'snapshot', dimensions: ['owner', 'status', 'priority', 'channel'] },
  'tickets.sla_breaches': { label: 'SLA breaches', description: 'Tickets whose SLA fell due in the period and were not resolved in time.', source: 'tickets', feature: 'tickets', resource: 'tickets', format: 'count', kind: 'flow', dimensions: [...TIME, 'owner', 'priority', 'channel'] },
  'tickets.resolution_hours': { label: 'Average resolution time', description: 'Average hours from opening to resolution, for tickets resolved in the period.', source: 'tickets', feature: 'tickets', resource: 'tickets', format: 'hours', kind: 'flow', dimensions: ['month', 'owner', 'priority', 'channel'] },
  'tasks.count': { label: 'Tasks', description: 'Tasks created in the period.', source: 'tasks', feature: 'tasks', resource: 'tasks', format: 'count', kind: 'flow', dimensions: [...TIME, 'owner', 'status', 'priority'] },
  'tasks.overdue': { label: 'Overdue tasks', description: 'Open tasks past their due time at the end of the period.', source: 'tasks', feature: 'tasks', resource: 'tasks', format: 'count', kind: 'snapshot', dimensions: ['owner', 'priority'] },
  'activities.count': { label: 'Activities', description: 'Timeline entries (notes, calls, emails, meetings, changes) in the period.', source: 'activities', feature: 'crm', resource: 'accounts', format: 'count', kind: 'flow', dimensions: [...TIME, 'owner', 'activityKind'] },
} as const satisfies Record<string, MetricDef>

export type MetricKey = keyof typeof METRICS
export const METRIC_KEYS = Object.keys(METRICS) as MetricKey[]

/** Filters a widget or the dashboard's filter bar may set; each applies where its metric's source has the field. */
export const ANALYTICS_FILTERS = {
  ownerId: { label: 'Owner' },
  teamId: { label: 'Team' },
  pipelineId: { label: 'Pipeline' },
  source: { label: 'Source' },
  priority: { label: 'Priority' },
  channel: { label: 'Channel' },
} as const
export type AnalyticsFilterKey = keyof typeof ANALYTICS_FILTERS

export const CHART_KINDS = ['kpi', 'line', 'bar', 'area', 'pie', 'funnel', 'table', 'heatmap'] as const
export type ChartKind = typeof CHART_KINDS[number]

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine(v => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'is not a real date')

/** A date range in the workspace's time zone, both ends included; at most about five years. */
export const dateRangeSchema = z.object({ from: isoDate, to: isoDate })
  .refine(r => r.from <= r.to, { message: 'must not end before it starts', path: ['to'] })
  .refine(r => (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 <= 1830, { message: 'may span at most five years', path: ['to'] })

export const analyticsFiltersSchema = z.object({
  ownerId: z.union([z.uuid(), z.literal('me')]).optional(),
  teamId: z.uuid().optional(),
  pipelineId: z.uuid().optional(),
  source: z.string().max(60).optional(),
  priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
  channel: z.string().max(60).optional(),
}).strict()
export type AnalyticsFilters = z.infer<typeof analyticsFiltersSchema>

const widgetQueryBase = z.object({
  metric: z.enum(METRIC_KEYS as [MetricKey, ...MetricKey[]], { error: 'is not a metric of the catalogue' }),
  dimension: z.enum(DIMENSION_KEYS as [DimensionKey, ...DimensionKey[]], { error: 'is not a dimension of the catalogue' }).optional(),
  series: z.enum(DIMENSION_KEYS as [DimensionKey, ...DimensionKey[]], { error: 'is not a dimension of the catalogue' }).optional(),
  range: dateRangeSchema,
  filters: analyticsFiltersSchema.default({}),
  compare: z.boolean().default(false),
  /** Most categories kept (the rest fold into "Other"). */
  limit: z.number().int().min(1).max(50).default(12),
}).strict()

/** The metric accepts the dimensions asked for (shared by the query and the saved widget). */
function checkDimensions(q: { metric: MetricKey, dimension?: DimensionKey, series?: DimensionKey }, ctx: z.RefinementCtx) {
  const allowed: readonly string[] = METRICS[q.metric].dimensions
  if (q.dimension && !allowed.includes(q.dimension)) ctx.addIssue({ code: 'custom', path: ['dimension'], message: `${METRICS[q.metric].label} cannot be broken down by ${DIMENSIONS[q.dimension].label.toLowerCase()}` })
  if (q.series && !allowed.includes(q.series)) ctx.addIssue({ code: 'custom', path: ['series'], message: `${METRICS[q.metric].label} cannot be broken down by ${DIMENSIONS[q.series].label.toLowerCase()}` })
  if (q.series && !q.dimension) ctx.addIssue({ code: 'custom', path: ['series'], message: 'needs a dimension first' })
  if (q.series && q.series === q.dimension) ctx.addIssue({ code: 'custom', path: ['series'], message: 'must differ from the dimension' })
}

/**
 * What a widget asks the server for. `dimension` breaks the metric down (the x axis or the
 * slices); `series` splits it again (one line per priority, or the heatmap's second axis).
 * `compare` adds the same measure over the previous period of equal length.
 */
export const widgetQuerySchema = widgetQueryBase.superRefine(checkDimensions)

/** A saved widget's query: the same without the range, which the dashboard's picker supplies. */
export const savedWidgetQuerySchema = widgetQueryBase.omit({ range: true }).superRefine(checkDimensions)

export type WidgetQuery = z.infer<typeof widgetQuerySchema>
export type SavedWidgetQuery = z.infer<typeof savedWidgetQuerySchema>

/**
 * A widget's answer. `total` is the metric over the whole range (a KPI's value); `previous`
 * the same over the previous period (when `compare`); `change` their relative difference
 * (null when the previous is 0). With a dimension, `categories` are the x axis (keys and
 * labels; a time dimension lists every bucket, empty ones as 0) and `series` one list of values
 * per series key, aligned with `categories`. `drill` turns a category into the list filters
 * that show its records (`/deals?stageId=…`).
 */
export interface WidgetResult {
  metric: MetricKey
  format: MetricFormat
  total: number | null
  previous: number | null
  change: number | null
  categories: { key: string, label: string, drill?: Record<string, string> }[]
  series: { key: string, label: string, values: (number | null)[] }[]
  /** The revision of the data it was computed from. */
  revision: string
}
