import type { ChartKind, MetricKey, WidgetResult } from '#shared/analytics'
import { METRICS } from '#shared/analytics'
import type { HomeChartKey, HomeDashboard } from '#shared/schemas/analytics'
import { HOME_KPIS } from '#shared/schemas/analytics'

/** How the home page draws each of its charts; `overlay` is drawn over it as a line. */
export interface HomeChart { key: HomeChartKey, title: string, description?: string, chart: ChartKind, span: 2 | 3 | 6, height: number, overlay?: { key: HomeChartKey, label: string } }

export const HOME_CHART_LAYOUT: HomeChart[] = [
  { key: 'funnel', title: 'Pipeline by stage', description: 'Open deals that reached each stage', chart: 'funnel', span: 3, height: 260 },
  { key: 'revenue', title: 'Revenue won and forecast', chart: 'bar', span: 3, height: 260, overlay: { key: 'forecast', label: 'Forecast' } },
  { key: 'dealsByOwner', title: 'Deals by owner', chart: 'bar', span: 2, height: 260 },
  { key: 'leadSources', title: 'Lead sources', chart: 'pie', span: 2, height: 260 },
  { key: 'ticketVolume', title: 'Tickets by priority', chart: 'area', span: 2, height: 260 },
  { key: 'heatmap', title: 'Activity by weekday and hour', chart: 'heatmap', span: 6, height: 300 },
]

/** How many KPI placeholders the page shows before its first answer. */
export const HOME_SKELETONS = 4

/** Keeps the widgets whose source did not move as they were (same objects: nothing redraws). */
export function mergeMoved(before: HomeDashboard, after: HomeDashboard, moved: readonly string[]): HomeDashboard {
  const keep = <K extends string>(a: Partial<Record<K, WidgetResult>>, b: Partial<Record<K, WidgetResult>>) =>
    Object.fromEntries(Object.entries(b).map(([k, r]) => [k, moved.includes(METRICS[(r as WidgetResult).metric].source) ? r : (a[k as K] ?? r)])) as Partial<Record<K, WidgetResult>>
  return { ...after, kpis: keep(before.kpis, after.kpis), charts: keep(before.charts, after.charts) }
}

/**
 * The home dashboard (GET /api/analytics/home) for the range and filters in the address. The
 * server leaves out what this person may not see (support gets tickets and tasks).
 * `refreshSources` fetches it again and replaces only the widgets reading a moved source; the
 * page hands it to useLiveRevisions itself, after this resolves (lifecycle hooks need the
 * component's context, which an await inside a composable loses).
 */
export async function useHomeDashboard() {
  const tenant = useTenant()
  const { range, filters } = useDashboardRange()
  const query = computed(() => ({ ...range.value, ...filters.value }))
  const { data, status, error, refresh } = await useFetch<HomeDashboard>('/api/analytics/home', {
    key: computed(() => `home:${tenant.value?.id}:${JSON.stringify(query.value)}`),
    query,
  })
  const refreshing = ref<string[]>([])

  async function refreshSources(moved: string[]) {
    const before = data.value
    if (!before) return refresh()
    refreshing.value = moved
    try {
      const after = await $fetch<HomeDashboard>('/api/analytics/home', { query: query.value })
      data.value = mergeMoved(before, after, moved)
    }
    catch {
      // Keep what is shown; the next change tries again.
    }
    finally {
      refreshing.value = []
    }
  }

  const kpis = computed(() => HOME_KPIS.flatMap(k => data.value?.kpis[k] ? [{ key: k as MetricKey, result: data.value.kpis[k]! }] : []))
  const charts = computed(() => HOME_CHART_LAYOUT.filter(c => data.value?.charts[c.key]))
  // Every row full, whatever this role sees (placeholders while the first answer loads).
  const grid = computed(() => {
    const g = homeGrid(data.value ? kpis.value.length : HOME_SKELETONS, charts.value.map(c => c.span))
    return { kpis: gridStyles(g.kpis), charts: gridStyles(g.charts) }
  })
  const isRefreshing = (r: WidgetResult | undefined) => !!r && refreshing.value.includes(METRICS[r.metric].source)
  const noRecords = computed(() => !!data.value && !filters.value.ownerId && !filters.value.pipelineId
    && [...Object.values(data.value.kpis), ...Object.values(data.value.charts)].every(r => isEmptyResult(r)))

  return { data, status, error, kpis, charts, grid, filters, isRefreshing, noRecords, refreshSources }
}
