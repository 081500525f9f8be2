import { and, sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import { rowsOf } from '#server/database/connect'
import type { AnalyticsFilters, DimensionKey, WidgetQuery, WidgetResult } from '#shared/analytics'
import { DIMENSIONS, METRICS } from '#shared/analytics'
import type { TenantScope } from '#server/utils/tenant-db'
import type { RecordActor } from '#server/services/crm/records/visibility'
import { visibleTo } from '#server/services/crm/records/visibility'
import type { DateRange } from './buckets'
import { previousRange, rangeInstants } from './buckets'
import type { MetricSql, Period, SourceSql } from './catalogue'
import { col, METRIC_SQL, SOURCE_SQL } from './catalogue'
import type { Category, DimContext } from './dimensions'
import { categoriesOf, dimensionKeySql, RANKED } from './dimensions'

// Runs one widget query: builds the SQL from the catalogue, aggregates in one statement per
// period (grouping sets give the categories and the total together), then orders and labels
// the categories and lines the values up with them.

/** What a query needs besides the widget: who asks and the workspace's calendar. */
export interface QueryContext {
  actor: RecordActor
  timeZone: string
  weekStartsOn: number
  revision: string
  /** The timeline counts only entries on these record types (those the viewer reads). */
  recordTypes: readonly string[]
  now?: Date
}

/** A period of dates as instants in the zone; snapshots are taken at its end, or now if sooner. */
export function periodOf(range: DateRange, timeZone: string, now = new Date()): Period {
  const { start, end } = rangeInstants(range, timeZone)
  const at = end.getTime() < now.getTime() ? end : now
  return { start: start.toISOString(), end: end.toISOString(), from: range.from, to: range.to, at: at.toISOString() }
}

/** The widget's filters as conditions on the source; a filter the source lacks is ignored. */
function filterConditions(scope: TenantScope, src: SourceSql, filters: AnalyticsFilters, actor: RecordActor): SQL[] {
  const out: SQL[] = []
  if (filters.ownerId) out.push(sql`${src.owner} = ${filters.ownerId === 'me' ? actor.userId : filters.ownerId}::uuid`)
  if (filters.teamId) {
    out.push(sql`${src.owner} in (select user_id from team_members where tenant_id = ${scope.tenantId} and team_id = ${filters.teamId}::uuid)`)
  }
  for (const key of ['pipelineId', 'source', 'priority', 'channel'] as const) {
    const column = src.filters[key]
    const value = filters[key]
    if (column && value) out.push(key === 'pipelineId' ? sql`${col(src.table, column)} = ${value}::uuid` : sql`${col(src.table, column)}::text = ${value}`)
  }
  return out
}

/** The list filters that carry the widget's filters to a drill-down link. */
function filterDrill(src: SourceSql, filters: AnalyticsFilters): Record<string, string> {
  const out: Record<string, string> = {}
  if (filters.ownerId) out.ownerId = filters.ownerId
  for (const key of ['pipelineId', 'source', 'priority', 'channel'] as const) {
    if (src.filters[key] && filters[key]) out[key] = filters[key]!
  }
  return out
}

interface Agg { k: string | null, s: string | null, n: number, sv: number | null, g: number }

async function aggregate(scope: TenantScope, q: WidgetQuery, ctx: QueryContext, period: Period, grouped: boolean): Promise<Agg[]> {
  const def = METRICS[q.metric]
  const src = SOURCE_SQL[def.source]
  const m = METRIC_SQL[q.metric]
  const dimCtx: DimContext = { source: src, sourceKey: def.source, metric: m, timeZone: ctx.timeZone, weekStartsOn: ctx.weekStartsOn }
  const table = sql.raw(`"${src.table}"`)
  const where = and(
    sql`${col(src.table, 'tenant_id')} = ${scope.tenantId}`,
    src.softDelete ? sql`${col(src.table, 'deleted_at')} is null` : undefined,
    visibleTo(scope, ctx.actor, src.owner),
    def.source === 'activities' ? (ctx.recordTypes.length ? sql`"activities"."record_type" in ${ctx.recordTypes}` : sql`false`) : undefined,
    ...filterConditions(scope, src, q.filters, ctx.actor),
    m.where(period),
  )
  const k = grouped && q.dimension ? dimensionKeySql(q.dimension, dimCtx) : sql`null::text`
  const s = grouped && q.series ? dimensionKeySql(q.series, dimCtx) : sql`null::text`
  const v = m.value ?? sql`0`
  const inner = sql`select ${k} as k, ${s} as s, (${v})::float8 as v from ${table} ${m.join ?? sql``} where ${where}`
  const result = await scope.tx.execute(grouped && q.dimension
    ? sql`select k, s, count(*)::int as n, sum(v)::float8 as sv, grouping(k, s)::int as g from (${inner}) x group by grouping sets ((k, s), ())`
    : sql`select null::text as k, null::text as s, count(*)::int as n, sum(v)::float8 as sv, 3 as g from (${inner}) x`)
  return rowsOf<Agg>(result).map(r => ({ ...r, n: Number(r.n), sv: r.sv === null ? null : Number(r.sv), g: Number(r.g) }))
}

const DECIMALS = { count: 0, money: 0, percent: 4, days: 2, hours: 2 } as const

/** A value from its count and sum, per the metric's aggregate; a mean over no rows is null. */
function valueOf(metricKey: WidgetQuery['metric'], n: number, sv: number | null): number | null {
  const m: MetricSql = METRIC_SQL[metricKey]
  const factor = 10 ** DECIMALS[METRICS[metricKey].format]
  const raw = m.agg === 'count' ? n : m.agg === 'sum' ? (sv ?? 0) : (n > 0 ? (sv ?? 0) / n : null)
  return raw === null ? null : Math.round(raw * factor) / factor
}

const changeOf = (now: number | null, before: number | null) =>
  now === null || before === null || before === 0 ? null : Math.round(((now - before) / Math.abs(before)) * 10_000) / 10_000

interface Cell { n: number, sv: number | null }
const add = (a: Cell | undefined, b: Cell): Cell => ({ n: (a?.n ?? 0) + b.n, sv: a?.sv === null || a?.sv === undefined ? b.sv : (b.sv === null ? a.sv : a.sv + b.sv) })

/** Keeps the `limit` largest categories of a ranked dimension; the rest become "Other". */
function fold(dim: DimensionKey, cats: Category[], limit: number): { cats: Category[], other: Set<string> } {
  if (!RANKED.includes(dim) || cats.length <= limit) return { cats, other: new Set() }
  const kept = cats.slice(0, limit - 1)
  return { cats: [...kept, { key: 'other', label: 'Other' }], other: new Set(cats.slice(limit - 1).map(c => c.key)) }
}

/** One widget query, answered from the database (callers cache it by revision). */
export async function runWidgetQuery(scope: TenantScope, q: WidgetQuery, ctx: QueryContext): Promise<WidgetResult> {
  const def = METRICS[q.metric]
  const src = SOURCE_SQL[def.source]
  const m = METRIC_SQL[q.metric]
  const now = ctx.now ?? new Date()
  const period = periodOf(q.range, ctx.timeZone, now)
  const prevRange = previousRange(q.range)
  const prevPeriod = periodOf(prevRange, ctx.timeZone, now)

  const rows = await aggregate(scope, q, ctx, period, true)
  const prevRows = q.compare ? await aggregate(scope, q, ctx, prevPeriod, !q.series) : []
  const totalRow = rows.find(r => r.g === 3) ?? { n: 0, sv: null }
  const total = valueOf(q.metric, totalRow.n, totalRow.sv)
  const prevTotalRow = prevRows.find(r => r.g === 3)
  const previous = q.compare ? valueOf(q.metric, prevTotalRow?.n ?? 0, prevTotalRow?.sv ?? null) : null
  const base: WidgetResult = { metric: q.metric, format: def.format, total, previous, change: q.compare ? changeOf(total, previous) : null, categories: [], series: [], revision: ctx.revision }
  if (!q.dimension) return base

  const dimCtx: DimContext = { source: src, sourceKey: def.source, metric: m, timeZone: ctx.timeZone, weekStartsOn: ctx.weekStartsOn }
  const cells = rows.filter(r => r.g === 0)
  const sum = (pick: (r: Agg) => string | null) => {
    const out = new Map<string, number>()
    for (const r of cells) out.set(pick(r) ?? 'none', (out.get(pick(r) ?? 'none') ?? 0) + (valueOf(q.metric, r.n, r.sv) ?? 0))
    return out
  }
  const pipelineId = q.filters.pipelineId
  const folded = fold(q.dimension, await categoriesOf(scope, q.dimension, dimCtx, q.range, sum(r => r.k), pipelineId), q.limit)
  const seriesFolded = q.series
    ? fold(q.series, await categoriesOf(scope, q.series, dimCtx, q.range, sum(r => r.s), pipelineId), q.limit)
    : { cats: [{ key: 'value', label: def.label }], other: new Set<string>() }
  const keyOf = (key: string, other: Set<string>) => (other.has(key) ? 'other' : key)

  const grid = new Map<string, Cell>()
  for (const r of cells) {
    const at = `${keyOf(r.k ?? 'none', folded.other)}\u0000${q.series ? keyOf(r.s ?? 'none', seriesFolded.other) : 'value'}`
    grid.set(at, add(grid.get(at), r))
  }
  const cellValue = (cell: Cell | undefined) => valueOf(q.metric, cell?.n ?? 0, cell?.sv ?? null)
  const series = seriesFolded.cats.map(sc => ({
    key: sc.key,
    label: sc.label,
    values: folded.cats.map(c => cellValue(grid.get(`${c.key}\u0000${sc.key}`))),
  }))

  if (q.compare && !q.series) {
    // The previous period on the same categories: by position for time buckets, by key otherwise.
    const isTime = DIMENSIONS[q.dimension].kind === 'time'
    const prevCells = prevRows.filter(r => r.g === 0)
    const prevCats = isTime ? await categoriesOf(scope, q.dimension, dimCtx, prevRange, new Map()) : folded.cats
    const prevGrid = new Map<string, Cell>()
    for (const r of prevCells) prevGrid.set(keyOf(r.k ?? 'none', folded.other), add(prevGrid.get(keyOf(r.k ?? 'none', folded.other)), r))
    series.push({
      key: 'previous',
      label: 'Previous period',
      values: folded.cats.map((c, i) => {
        const key = isTime ? prevCats[i]?.key : c.key
        return key === undefined ? null : cellValue(prevGrid.get(key))
      }),
    })
  }

  const metricDrill = m.drill && def.source !== 'activities'
  const filters = filterDrill(src, q.filters)
  base.categories = folded.cats.map((c) => {
    const bucket = c.from && c.to ? periodOf({ from: c.from, to: c.to }, ctx.timeZone, now) : period
    const drill = metricDrill && c.key !== 'other' && (c.drill || c.from || !['weekday', 'hour'].includes(q.dimension!))
      ? { ...m.drill!(bucket), ...filters, ...c.drill }
      : undefined
    return drill ? { key: c.key, label: c.label, drill } : { key: c.key, label: c.label }
  })
  base.series = series
  return base
}
