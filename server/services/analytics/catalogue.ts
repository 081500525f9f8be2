import { sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import { activities } from '#drizzle/schema'
import type { AnalyticsFilterKey, DimensionKey, MetricKey } from '#shared/analytics'
import type { AnalyticsSource } from '#shared/schemas/analytics'
import { RECORD_TABLES } from '#server/services/crm/records/registry'

// The SQL behind the metric catalogue of shared/analytics.ts: for each source its table, owner
// column and the columns its filters and category dimensions read; for each metric its date
// column, its condition over a period and its aggregate. Every name here is fixed in code;
// nothing from a request ever becomes an identifier.

/** A period of a query, as instants (the zone already applied) and as dates. */
export interface Period {
  /** First instant of the first day, first instant after the last day (ISO). */
  start: string
  end: string
  from: string
  to: string
  /** The instant snapshot metrics are measured at: the end of the period, or now if sooner. */
  at: string
}

export interface SourceSql {
  table: string
  /** The member column: owner or assignee (the actor for activities); visibility reads it. */
  owner: PgColumn
  softDelete: boolean
  /** Columns of the dashboard filters that apply to this source (ownerId and teamId use `owner`). */
  filters: Partial<Record<Exclude<AnalyticsFilterKey, 'ownerId' | 'teamId'>, string>>
  /** Columns of category dimensions (owner uses `owner`). */
  categories: Partial<Record<DimensionKey, string>>
}

export const SOURCE_SQL: Record<AnalyticsSource, SourceSql> = {
  accounts: { table: 'accounts', owner: RECORD_TABLES.accounts.ownerId, softDelete: true, filters: {}, categories: { industry: 'industry', country: 'country' } },
  contacts: { table: 'contacts', owner: RECORD_TABLES.contacts.ownerId, softDelete: true, filters: {}, categories: {} },
  leads: { table: 'leads', owner: RECORD_TABLES.leads.ownerId, softDelete: true, filters: { source: 'source' }, categories: { status: 'status', source: 'source' } },
  deals: { table: 'deals', owner: RECORD_TABLES.deals.ownerId, softDelete: true, filters: { pipelineId: 'pipeline_id', source: 'source' }, categories: { stage: 'stage_id', pipeline: 'pipeline_id', status: 'status', source: 'source' } },
  tasks: { table: 'tasks', owner: RECORD_TABLES.tasks.ownerId, softDelete: true, filters: { priority: 'priority' }, categories: { status: 'status', priority: 'priority' } },
  tickets: { table: 'tickets', owner: RECORD_TABLES.tickets.ownerId, softDelete: true, filters: { priority: 'priority', channel: 'channel' }, categories: { status: 'status', priority: 'priority', channel: 'channel' } },
  activities: { table: 'activities', owner: activities.actorId, softDelete: false, filters: {}, categories: { activityKind: 'kind' } },
}

/** A column of a source's table, qualified by the table's name (fixed strings only). */
export const col = (table: string, column: string): SQL => sql.raw(`"${table}"."${column}"`)
const ts = (iso: string) => sql`${iso}::timestamptz`

export interface MetricSql {
  /** The column time dimensions bucket (timestamptz, or a plain date when `dateIsDay`). */
  date: string
  dateIsDay?: boolean
  /** count: rows; sum: Σ value; mean: Σ value / rows (rates are means of 0/1). */
  agg: 'count' | 'sum' | 'mean'
  value?: SQL
  join?: SQL
  /** The rows the metric counts over a period (besides tenant, soft delete, visibility and filters). */
  where: (p: Period) => SQL
  /** The list filters that show the rows behind the metric over a period (drill-down). */
  drill?: (p: Period) => Record<string, string>
  /** Changes with time alone, with no write (something falls due): cached per minute while the range reaches now. */
  timeDriven?: true
}

const d = (c: string) => col('deals', c)
const inRange = (c: SQL, p: Period) => sql`${c} >= ${ts(p.start)} and ${c} < ${ts(p.end)}`
const openAt = (c: SQL, closed: SQL, p: Period) => sql`${c} < ${ts(p.at)} and (${closed} is null or ${closed} >= ${ts(p.at)})`
const epochOf = (a: SQL, b: SQL) => sql`extract(epoch from (${a} - ${b}))::float8`
/** An inclusive ISO bound for the list filters: the last millisecond before `end`. */
const lastMs = (iso: string) => new Date(Date.parse(iso) - 1).toISOString()
const between = (field: string, p: Period) => ({ [`${field}From`]: p.start, [`${field}To`]: lastMs(p.end) })
const created = (table: string): Pick<MetricSql, 'date' | 'where' | 'drill'> => ({
  date: 'created_at',
  where: p => inRange(col(table, 'created_at'), p),
  drill: p => between('createdAt', p),
})

export const METRIC_SQL: Record<MetricKey, MetricSql> = {
  'deals.count': { ...created('deals'), agg: 'count' },
  'deals.open_value': { date: 'created_at', agg: 'sum', value: d('amount_minor'), where: p => openAt(d('created_at'), d('closed_at'), p), drill: () => ({ status: 'open' }) },
  'deals.open_count': { date: 'created_at', agg: 'count', where: p => openAt(d('created_at'), d('closed_at'), p), drill: () => ({ status: 'open' }) },
  'deals.won_value': { date: 'closed_at', agg: 'sum', value: d('amount_minor'), where: p => sql`${d('status')} = 'won' and ${inRange(d('closed_at'), p)}`, drill: p => ({ status: 'won', ...between('closedAt', p) }) },
  'deals.won_count': { date: 'closed_at', agg: 'count', where: p => sql`${d('status')} = 'won' and ${inRange(d('closed_at'), p)}`, drill: p => ({ status: 'won', ...between('closedAt', p) }) },
  'deals.forecast_value': {
    date: 'expected_close_date',
    dateIsDay: true,
    agg: 'sum',
    value: sql`${d('amount_minor')}::numeric * forecast_stage.probability / 100`,
    join: sql`join pipeline_stages forecast_stage on forecast_stage.tenant_id = ${d('tenant_id')} and forecast_stage.id = ${d('stage_id')}`,
    where: p => sql`${d('status')} = 'open' and ${d('expected_close_date')} between ${p.from}::date and ${p.to}::date`,
    drill: p => ({ status: 'open', expectedCloseDateFrom: p.from, expectedCloseDateTo: p.to }),
  },
  'deals.win_rate': {
    date: 'closed_at',
    agg: 'mean',
    value: sql`case when ${d('status')} = 'won' then 1 else 0 end`,
    where: p => sql`${d('status')} in ('won', 'lost') and ${inRange(d('closed_at'), p)}`,
    drill: p => ({ status: 'won,lost', ...between('closedAt', p) }),
  },
  'deals.cycle_days': {
    date: 'closed_at',
    agg: 'mean',
    value: sql`${epochOf(d('closed_at'), d('created_at'))} / 86400`,
    where: p => sql`${d('status')} = 'won' and ${inRange(d('closed_at'), p)}`,
    drill: p => ({ status: 'won', ...between('closedAt', p) }),
  },
  'leads.count': { ...created('leads'), agg: 'count' },
  'leads.conversion_rate': { ...created('leads'), agg: 'mean', value: sql`case when ${col('leads', 'converted_at')} is not null then 1 else 0 end` },
  'accounts.count': { ...created('accounts'), agg: 'count' },
  'contacts.count': { ...created('contacts'), agg: 'count' },
  'tickets.count': { ...created('tickets'), agg: 'count' },
  'tickets.open': {
    date: 'created_at',
    agg: 'count',
    where: p => openAt(col('tickets', 'created_at'), col('tickets', 'resolved_at'), p),
    drill: () => ({ status: 'new,open,pending' }),
  },
  'tickets.sla_breaches': {
    timeDriven: true,
    date: 'sla_due_at',
    agg: 'count',
    where: p => sql`${inRange(col('tickets', 'sla_due_at'), p)} and ${col('tickets', 'sla_due_at')} < now()
      and (${col('tickets', 'resolved_at')} is null or ${col('tickets', 'resolved_at')} > ${col('tickets', 'sla_due_at')})`,
    drill: p => between('slaDueAt', p),
  },
  'tickets.resolution_hours': {
    date: 'resolved_at',
    agg: 'mean',
    value: sql`${epochOf(col('tickets', 'resolved_at'), col('tickets', 'created_at'))} / 3600`,
    where: p => inRange(col('tickets', 'resolved_at'), p),
    drill: p => between('resolvedAt', p),
  },
  'tasks.count': { ...created('tasks'), agg: 'count' },
  'tasks.overdue': {
    timeDriven: true,
    date: 'due_at',
    agg: 'count',
    where: p => sql`${openAt(col('tasks', 'created_at'), col('tasks', 'completed_at'), p)} and ${col('tasks', 'due_at')} < ${ts(p.at)}`,
    drill: p => ({ status: 'open', dueAtTo: lastMs(p.at) }),
  },
  'activities.count': { date: 'occurred_at', agg: 'count', where: p => inRange(col('activities', 'occurred_at'), p) },
}
