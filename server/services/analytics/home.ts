import type { AnalyticsFilters, DimensionKey, MetricKey, WidgetQuery } from '#shared/analytics'
import type { HomeChartKey, HomeDashboard, HomeKpiKey, HomeQuery } from '#shared/schemas/analytics'
import { HOME_KPIS } from '#shared/schemas/analytics'
import type { Viewer } from '#server/utils/analytics-access'
import { viewerSources } from '#server/utils/analytics-access'
import { answerWidgets, viewerKey } from './answer'
import { METRIC_SQL } from './catalogue'
import type { DateRange } from './buckets'
import { defaultRange, monthSpan, previousRange, rangeDays } from './buckets'
import { publicRevisions, readRevisions } from '#server/utils/revisions'

// The home dashboard: fixed KPIs and charts over one range and the filter bar, each left out
// when the person may not see its records (support has no deals; a module switched off is gone).

interface ChartSpec { metric: MetricKey, dimension: DimensionKey, series?: DimensionKey, range?: (r: DateRange) => DateRange, limit?: number }

/** Ticket volume by day up to two months, by week up to a year, by month beyond. */
const volumeUnit = (r: DateRange): DimensionKey => (rangeDays(r) <= 62 ? 'day' : rangeDays(r) <= 366 ? 'week' : 'month')
const revenueSpan = (r: DateRange) => monthSpan(r, 3)

function chartSpecs(range: DateRange): Record<HomeChartKey, ChartSpec> {
  return {
    funnel: { metric: 'deals.open_count', dimension: 'stage' },
    funnelValue: { metric: 'deals.open_value', dimension: 'stage' },
    revenue: { metric: 'deals.won_value', dimension: 'month', range: revenueSpan },
    forecast: { metric: 'deals.forecast_value', dimension: 'month', range: revenueSpan },
    dealsByOwner: { metric: 'deals.count', dimension: 'owner', series: 'status' },
    leadSources: { metric: 'leads.count', dimension: 'source' },
    ticketVolume: { metric: 'tickets.count', dimension: volumeUnit(range), series: 'priority' },
    heatmap: { metric: 'activities.count', dimension: 'weekday', series: 'hour', limit: 50 },
  }
}

/** The home dashboard's widget queries over a range and filters, KPIs first (before access checks). */
export function homeWidgets(range: DateRange, filters: AnalyticsFilters): { kind: 'kpi' | 'chart', key: string, query: WidgetQuery }[] {
  const kpis = HOME_KPIS.map(metric => ({ kind: 'kpi' as const, key: metric, query: { metric, range, filters, compare: true, limit: 12 } }))
  const charts = (Object.entries(chartSpecs(range)) as [HomeChartKey, ChartSpec][]).map(([key, spec]) => ({
    kind: 'chart' as const,
    key,
    query: { metric: spec.metric, dimension: spec.dimension, series: spec.series, range: spec.range?.(range) ?? range, filters, compare: false, limit: spec.limit ?? 12 },
  }))
  return [...kpis, ...charts]
}

/**
 * Everything the home page shows, for this viewer. The whole answer is cached under every
 * revision it read and the widgets the viewer may see; a miss reuses each widget's own cache and
 * computes the rest in one tenant transaction.
 */
export async function homeDashboard(query: HomeQuery, viewer: Viewer): Promise<HomeDashboard> {
  const tenantId = viewer.tenantId
  const range: DateRange = query.from && query.to ? { from: query.from, to: query.to } : defaultRange(viewer.timeZone)
  const filters: AnalyticsFilters = { ownerId: query.ownerId, pipelineId: query.pipelineId }
  const revisions = await readRevisions(tenantId)
  const now = new Date()
  const widgets = homeWidgets(range, filters).filter(w => viewer.metrics.has(w.query.metric))
  const key = cacheKey(tenantId, ['home', revisions, viewerKey(viewer, { range, filters }, { withTypes: true, timeDriven: widgets.some(w => METRIC_SQL[w.query.metric].timeDriven) }, now), range, filters, widgets.map(w => w.key)])
  const cached = await analyticsCache.get(key) as HomeDashboard | undefined
  if (cached) return cached

  const results = await answerWidgets(tenantId, widgets.map(w => w.query), viewer, revisions, now)
  const out: HomeDashboard = {
    range,
    previousRange: previousRange(range),
    timeZone: viewer.timeZone,
    kpis: {},
    charts: {},
    revisions: publicRevisions(revisions, viewerSources(viewer)),
    queries: Object.fromEntries(widgets.map(w => [w.key, w.query])),
  }
  widgets.forEach((w, i) => {
    if (w.kind === 'kpi') out.kpis[w.key as HomeKpiKey] = results[i]!
    else out.charts[w.key as HomeChartKey] = results[i]!
  })
  await analyticsCache.set(key, out)
  return out
}
