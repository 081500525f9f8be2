import type { H3Event } from 'h3'
import type { AnalyticsFilters, DimensionKey, MetricKey, WidgetQuery } from '../../../shared/analytics'
import { METRICS } from '../../../shared/analytics'
import type { HomeChartKey, HomeDashboard, HomeQuery } from '../../../shared/schemas/analytics'
import { HOME_KPIS } from '../../../shared/schemas/analytics'
import type { TenantScope } from '../../utils/tenant-db'
import type { Viewer } from './access'
import { canReadMetric, readableSources } from './access'
import { answerWidget } from './answer'
import type { DateRange } from './buckets'
import { defaultRange, monthSpan, previousRange, rangeDays } from './buckets'
import { publicRevisions, readRevisions } from './revisions'

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

/** Everything the home page shows, for this viewer, in one transaction (each widget cached by revision). */
export async function homeDashboard(event: H3Event, scope: TenantScope, query: HomeQuery, viewer: Viewer): Promise<HomeDashboard> {
  const range: DateRange = query.from && query.to ? { from: query.from, to: query.to } : defaultRange(viewer.timeZone)
  const filters: AnalyticsFilters = { ownerId: query.ownerId, pipelineId: query.pipelineId }
  const revisions = await readRevisions(scope)
  const out: HomeDashboard = {
    range,
    previousRange: previousRange(range),
    timeZone: viewer.timeZone,
    kpis: {},
    charts: {},
    revisions: publicRevisions(revisions, readableSources(event)),
  }
  const widget = (q: Omit<WidgetQuery, 'filters' | 'compare' | 'limit'> & Partial<WidgetQuery>) =>
    answerWidget(scope, { filters, compare: false, limit: 12, ...q }, viewer, revisions)

  for (const metric of HOME_KPIS) {
    if (canReadMetric(event, metric)) out.kpis[metric] = await widget({ metric, range, compare: true })
  }
  for (const [key, spec] of Object.entries(chartSpecs(range)) as [HomeChartKey, ChartSpec][]) {
    if (!canReadMetric(event, spec.metric) || !(METRICS[spec.metric].dimensions as readonly string[]).includes(spec.dimension)) continue
    out.charts[key] = await widget({ metric: spec.metric, dimension: spec.dimension, series: spec.series, range: spec.range?.(range) ?? range, limit: spec.limit ?? 12 })
  }
  return out
}
