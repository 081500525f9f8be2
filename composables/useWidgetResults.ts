import type { AnalyticsFilters, SavedWidgetQuery, WidgetResult } from '#shared/analytics'
import { METRICS } from '#shared/analytics'

/** A widget to run: an id and its saved query (the dashboard supplies range and filters). */
export interface WidgetSpec { id: string, query: SavedWidgetQuery }

/** One widget's answer, or the error it got (plain, so it travels in the SSR payload). */
export type WidgetOutcome = { result: WidgetResult, error?: undefined } | { result?: undefined, error: { statusCode?: number, message: string } }

/**
 * Runs the widgets of a dashboard against POST /api/analytics/query with the dashboard's range
 * and filters (on the server for the first paint, then in the browser), and reruns only the
 * widgets whose metric reads a source that changed (`refreshSources`).
 */
export async function useWidgetResults(name: string, specs: MaybeRefOrGetter<WidgetSpec[]>) {
  const tenant = useTenant()
  const request = useRequestFetch()
  const { range, filters } = useDashboardRange()
  const refreshing = ref(new Set<string>())

  async function run(spec: WidgetSpec, r: { from: string, to: string }, f: AnalyticsFilters): Promise<WidgetOutcome> {
    try {
      const body = { ...spec.query, range: r, filters: { ...spec.query.filters, ...f } }
      return { result: await request<WidgetResult>('/api/analytics/query', { method: 'POST', body }) }
    }
    catch (error) {
      const e = error as { statusCode?: number }
      return { error: { statusCode: e?.statusCode, message: errorMessage(error) } }
    }
  }

  const key = computed(() => `widgets:${tenant.value?.id}:${name}:${JSON.stringify([range.value, filters.value, toValue(specs)])}`)
  const { data, status } = await useAsyncData(key, async () => {
    const list = toValue(specs)
    const outcomes = await Promise.all(list.map(s => run(s, range.value, filters.value)))
    return Object.fromEntries(list.map((s, i) => [s.id, outcomes[i]!])) as Record<string, WidgetOutcome>
  }, { default: () => ({}) as Record<string, WidgetOutcome> })

  /** Reruns the widgets that read any of these sources (deals, tickets, activities…). */
  async function refreshSources(sources: readonly string[]) {
    const hit = toValue(specs).filter(s => sources.includes(METRICS[s.query.metric].source))
    if (!hit.length) return
    hit.forEach(s => refreshing.value.add(s.id))
    const outcomes = await Promise.all(hit.map(s => run(s, range.value, filters.value)))
    // A failed refresh keeps what was shown.
    data.value = { ...data.value, ...Object.fromEntries(hit.map((s, i) => [s.id, outcomes[i]!.result ? outcomes[i]! : (data.value[s.id] ?? outcomes[i]!)])) }
    hit.forEach(s => refreshing.value.delete(s.id))
  }

  return {
    outcomes: data,
    loading: computed(() => status.value === 'pending'),
    refreshing: readonly(refreshing),
    refreshSources,
    range,
    filters,
  }
}
