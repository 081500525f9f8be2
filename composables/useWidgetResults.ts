import type { AnalyticsFilters, SavedWidgetQuery, WidgetResult } from '#shared/analytics'
import { METRICS } from '#shared/analytics'
import type { ReportResult } from '#shared/reports'
import type { Report } from '#shared/schemas/reports'

/** A widget to run: an id and its saved query (the dashboard supplies range and filters), or the saved report it shows. */
export interface WidgetSpec { id: string, query?: SavedWidgetQuery, report?: { id: string, rows: number } }

/** A report widget's answer: the report's first rows as the viewer sees them, and what the report is over. */
export type ReportWidgetResult = ReportResult & { report: Pick<Report, 'id' | 'name' | 'source'> & { chart: 'bar' | 'line' | 'pie' | null } }

/** One widget's answer, or the error it got (plain, so it travels in the SSR payload). */
export type WidgetOutcome
  = | { result: WidgetResult, report?: undefined, error?: undefined }
    | { report: ReportWidgetResult, result?: undefined, error?: undefined }
    | { result?: undefined, report?: undefined, error: { statusCode?: number, message: string } }

/** The record type a widget reads (what a change of which reruns it). */
const sourceOf = (spec: WidgetSpec, outcome: WidgetOutcome | undefined): string | undefined =>
  spec.query ? METRICS[spec.query.metric].source : outcome?.report?.report.source

/**
 * Runs the widgets of a dashboard against POST /api/analytics/query with the dashboard's range
 * and filters, and report widgets against their report (on the server for the first paint, then
 * in the browser), and reruns only the widgets that read a source that changed (`refreshSources`).
 */
export async function useWidgetResults(name: string, specs: MaybeRefOrGetter<WidgetSpec[]>) {
  const tenant = useTenant()
  const request = useRequestFetch()
  const { range, filters } = useDashboardRange()
  const refreshing = ref(new Set<string>())

  async function run(spec: WidgetSpec, r: { from: string, to: string }, f: AnalyticsFilters): Promise<WidgetOutcome> {
    try {
      if (spec.report) {
        // A saved report runs as its page runs it for this person; the dashboard's range and filters do not apply.
        const { report, ...answer } = await request<ReportResult & { report: Report }>(`/api/reports/${spec.report.id}/run`, { query: { rows: spec.report.rows } })
        return { report: { ...answer, report: { id: report.id, name: report.name, source: report.source, chart: report.definition.chart } } }
      }
      const query = spec.query!
      const body = { ...query, range: r, filters: { ...query.filters, ...f } }
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
    const hit = toValue(specs).filter(s => sources.includes(sourceOf(s, data.value[s.id]) ?? ''))
    if (!hit.length) return
    hit.forEach(s => refreshing.value.add(s.id))
    const outcomes = await Promise.all(hit.map(s => run(s, range.value, filters.value)))
    // A failed refresh keeps what was shown.
    data.value = { ...data.value, ...Object.fromEntries(hit.map((s, i) => [s.id, outcomes[i]!.error ? (data.value[s.id] ?? outcomes[i]!) : outcomes[i]!])) }
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
