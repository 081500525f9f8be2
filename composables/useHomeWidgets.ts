import type { ChartKind, MetricKey, SavedWidgetQuery } from '#shared/analytics'
import { METRICS } from '#shared/analytics'

/** A widget of the home dashboard; `overlay` names a second widget drawn over it as a line. */
export interface HomeWidget {
  id: string
  title: string
  chart: ChartKind
  query: SavedWidgetQuery
  /** Grid span on wide screens (of 6 columns). */
  span?: 2 | 3 | 4 | 6
  overlay?: { id: string, label: string, query: SavedWidgetQuery }
}

const q = (metric: MetricKey, more: Partial<SavedWidgetQuery> = {}): SavedWidgetQuery => ({ metric, filters: {}, compare: false, limit: 12, ...more })

/** The eight KPIs, each with its change over the previous period. */
export const HOME_KPIS: HomeWidget[] = ([
  ['deals.open_value', 'Open pipeline'],
  ['deals.won_value', 'Won'],
  ['deals.win_rate', 'Win rate'],
  ['deals.cycle_days', 'Average deal cycle'],
  ['leads.count', 'New leads'],
  ['tickets.open', 'Open tickets'],
  ['tickets.sla_breaches', 'SLA breaches'],
  ['tasks.overdue', 'Overdue tasks'],
] as const).map(([metric, title]) => ({ id: `kpi-${metric}`, title, chart: 'kpi', query: q(metric, { compare: true }) }))

export const HOME_CHARTS: HomeWidget[] = [
  { id: 'funnel', title: 'Pipeline by stage', chart: 'funnel', span: 3, query: q('deals.open_value', { dimension: 'stage' }) },
  { id: 'revenue', title: 'Revenue won by month', chart: 'bar', span: 3, query: q('deals.won_value', { dimension: 'month', limit: 24 }),
    overlay: { id: 'revenue-forecast', label: 'Forecast', query: q('deals.forecast_value', { dimension: 'month', limit: 24 }) } },
  { id: 'owners', title: 'Deals by owner', chart: 'bar', span: 2, query: q('deals.count', { dimension: 'owner', limit: 10 }) },
  { id: 'lead-sources', title: 'Lead sources', chart: 'pie', span: 2, query: q('leads.count', { dimension: 'source', limit: 8 }) },
  { id: 'tickets', title: 'Tickets by priority', chart: 'area', span: 2, query: q('tickets.count', { dimension: 'week', series: 'priority', limit: 30 }) },
  { id: 'activity', title: 'Activity by weekday and hour', chart: 'heatmap', span: 6, query: q('activities.count', { dimension: 'weekday', series: 'hour', limit: 24 }) },
]

/**
 * The home dashboard's widgets that this person may see: a widget shows only where its metric's
 * module is on and the role may read its records (support sees tickets and tasks, not deals).
 */
export function useHomeWidgets() {
  const store = useSiteStore()
  const can = useCan()
  const visible = (w: HomeWidget) => {
    const m = METRICS[w.query.metric]
    return store.tenant?.features[m.feature] === true && can(`${m.resource}:read`)
  }
  const kpis = computed(() => HOME_KPIS.filter(visible))
  const charts = computed(() => HOME_CHARTS.filter(visible))
  /** Every query the page runs, overlays included. */
  const specs = computed<WidgetSpec[]>(() => [...kpis.value, ...charts.value].flatMap(w => [{ id: w.id, query: w.query }, ...(w.overlay ? [{ id: w.overlay.id, query: w.overlay.query }] : [])]))
  return { kpis, charts, specs }
}
