import { sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import { rowsOf } from '#server/database/connect'
import { activityKind } from '#drizzle/schema'
import type { DimensionKey } from '#shared/analytics'
import { DIMENSIONS } from '#shared/analytics'
import { DEAL_STATUSES, LEAD_SOURCES, LEAD_STATUSES, PRIORITIES, TASK_STATUSES, TICKET_CHANNELS, TICKET_STATUSES } from '#shared/records'
import type { AnalyticsSource } from '#shared/schemas/analytics'
import type { TenantScope } from '#server/utils/tenant-db'
import type { DateRange, TimeUnit } from './buckets'
import { bucketLabel, bucketsOf, WEEKDAYS } from './buckets'
import type { MetricSql, SourceSql } from './catalogue'
import { col } from './catalogue'

// Dimensions: the SQL of a category key per row, and the ordered list of categories a result
// shows (every time bucket of the range; enums in catalogue order; stages in pipeline order;
// owners, industries and countries by value).

export interface DimContext {
  source: SourceSql
  sourceKey: AnalyticsSource
  metric: MetricSql
  timeZone: string
  weekStartsOn: number
}

/** The row's local time of the metric's date column, in the workspace's zone. */
function localTime(ctx: DimContext): SQL {
  const c = col(ctx.source.table, ctx.metric.date)
  return ctx.metric.dateIsDay ? sql`${c}::timestamp` : sql`timezone(${ctx.timeZone}, ${c})`
}

/** The category key of a row as text ('none' when the column is empty). */
export function dimensionKeySql(dim: DimensionKey, ctx: DimContext): SQL {
  const local = localTime(ctx)
  switch (dim) {
    case 'day': return sql`to_char(${local}, 'YYYY-MM-DD')`
    case 'week': {
      // date_trunc weeks start on Monday: shift so they start on the workspace's first day.
      const shift = (1 - ctx.weekStartsOn + 7) % 7
      return sql`to_char(date_trunc('week', ${local} + make_interval(days => ${shift}::int)) - make_interval(days => ${shift}::int), 'YYYY-MM-DD')`
    }
    case 'month': return sql`to_char(${local}, 'YYYY-MM')`
    case 'weekday': return sql`extract(dow from ${local})::int::text`
    case 'hour': return sql`extract(hour from ${local})::int::text`
    case 'owner': return sql`coalesce(${ctx.source.owner}::text, 'none')`
    default: {
      const column = ctx.source.categories[dim]
      return column ? sql`coalesce(${col(ctx.source.table, column)}::text, 'none')` : sql`'none'`
    }
  }
}

export interface Category { key: string, label: string, drill?: Record<string, string>, from?: string, to?: string }

const STATUS_OPTIONS: Partial<Record<AnalyticsSource, readonly string[]>> = {
  leads: LEAD_STATUSES, deals: DEAL_STATUSES, tasks: TASK_STATUSES, tickets: TICKET_STATUSES,
}
const ENUMS: Partial<Record<DimensionKey, (s: AnalyticsSource) => readonly string[]>> = {
  status: s => STATUS_OPTIONS[s] ?? [],
  source: () => LEAD_SOURCES,
  priority: () => PRIORITIES,
  channel: () => TICKET_CHANNELS,
  activityKind: () => activityKind.enumValues,
}
/** Dimensions whose categories are data-driven and folded to the `limit` largest. */
export const RANKED: readonly DimensionKey[] = ['owner', 'industry', 'country']

const humanize = (v: string) => (v.charAt(0).toUpperCase() + v.slice(1)).replace(/_/g, ' ')
const NONE_LABEL: Partial<Record<DimensionKey, string>> = { owner: 'Unassigned', source: 'No source', channel: 'No channel', industry: 'Not set', country: 'Not set' }
/** The list filter a category dimension maps to (weekday, hour and activity kind have none). */
const DRILL_FIELD: Partial<Record<DimensionKey, string>> = {
  owner: 'ownerId', stage: 'stageId', pipeline: 'pipelineId', status: 'status', source: 'source', priority: 'priority', channel: 'channel', industry: 'industry', country: 'country',
}

/**
 * The categories of a dimension, in display order. `present` are the keys found in the data
 * (with their totals, for ranking); `pipelineId` narrows stages to one pipeline.
 */
export async function categoriesOf(scope: TenantScope, dim: DimensionKey, ctx: DimContext, range: DateRange, present: Map<string, number>, pipelineId?: string): Promise<Category[]> {
  if (DIMENSIONS[dim].kind === 'time') {
    const unit = dim as TimeUnit
    return bucketsOf(range, unit, ctx.weekStartsOn).map(b => ({ key: b.key, label: bucketLabel(b.key, unit), from: b.from, to: b.to }))
  }
  if (dim === 'weekday') return Array.from({ length: 7 }, (_, i) => (ctx.weekStartsOn + i) % 7).map(n => ({ key: String(n), label: WEEKDAYS[n]! }))
  if (dim === 'hour') return Array.from({ length: 24 }, (_, h) => ({ key: String(h), label: `${String(h).padStart(2, '0')}:00` }))

  // 'none' drills only for owners (the list knows ownerId=none, not an empty enum).
  const drill = (key: string) => DRILL_FIELD[dim] && ctx.sourceKey !== 'activities' && (key !== 'none' || dim === 'owner') ? { [DRILL_FIELD[dim]!]: key } : undefined
  const extras = (known: readonly string[]) => [...present.keys()].filter(k => !known.includes(k)).sort()

  const options = ENUMS[dim]?.(ctx.sourceKey)
  if (options) {
    const keys = [...options, ...extras(options)]
    return keys.map(k => ({ key: k, label: k === 'none' ? NONE_LABEL[dim] ?? 'None' : humanize(k), drill: drill(k) }))
  }

  if (dim === 'stage' || dim === 'pipeline') {
    const rows = rowsOf<{ id: string, name: string, pipeline: string, open: boolean }>(await scope.tx.execute(dim === 'stage'
      ? sql`select s.id::text as id, s.name, p.name as pipeline, s.kind = 'open' as open from pipeline_stages s
          join pipelines p on p.tenant_id = s.tenant_id and p.id = s.pipeline_id
          where s.tenant_id = ${scope.tenantId} ${pipelineId ? sql`and s.pipeline_id = ${pipelineId}` : sql``}
          order by p.position, p.name, s.position`
      : sql`select id::text as id, name, name as pipeline, true as open from pipelines where tenant_id = ${scope.tenantId}
          ${pipelineId ? sql`and id = ${pipelineId}` : sql``} order by position, name`))
    const shown = rows.filter(r => r.open || present.has(r.id))
    const several = new Set(shown.map(r => r.pipeline)).size > 1
    return shown.map(r => ({ key: r.id, label: several && dim === 'stage' ? `${r.pipeline} · ${r.name}` : r.name, drill: drill(r.id) }))
  }

  // Ranked, data-driven categories: owners get their names.
  const keys = [...present.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k)
  const names = new Map<string, string>()
  const ids = keys.filter(k => k !== 'none')
  if (dim === 'owner' && ids.length) {
    const rows = rowsOf<{ id: string, name: string }>(await scope.tx.execute(
      sql`select id::text as id, name from users where tenant_id = ${scope.tenantId} and id in (${sql.join(ids.map(id => sql`${id}::uuid`), sql`, `)})`))
    for (const r of rows) names.set(r.id, r.name)
  }
  return keys.map(k => ({ key: k, label: k === 'none' ? NONE_LABEL[dim] ?? 'None' : names.get(k) ?? (dim === 'owner' ? 'Former member' : k), drill: drill(k) }))
}
