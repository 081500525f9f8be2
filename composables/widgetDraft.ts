import type { ChartKind, DimensionKey, MetricKey } from '#shared/analytics'
import { DIMENSIONS, METRICS, savedWidgetQuerySchema } from '#shared/analytics'
import type { SavedWidget } from '#shared/schemas/dashboards'
import { REPORT_WIDGET_CHARTS, REPORT_WIDGET_MAX_ROWS } from '#shared/schemas/dashboards'

export const CHART_LABELS: Record<ChartKind, string> = { kpi: 'KPI', line: 'Line', bar: 'Bar', area: 'Area', pie: 'Pie', funnel: 'Funnel', table: 'Table', heatmap: 'Heatmap' }

/** The widget editor's form state (selects use 'none' and 'any': a select item cannot be empty). */
export interface WidgetForm {
  /** What the widget shows: a catalogue metric, or a saved report. */
  kind: 'metric' | 'report'
  title: string
  /** A report widget's report and how many of its rows it shows. */
  reportId: string | undefined
  rows: number
  chart: ChartKind
  metric: MetricKey
  dimension: DimensionKey | 'none'
  series: DimensionKey | 'none'
  mine: boolean
  priority: 'any' | 'low' | 'normal' | 'high' | 'urgent'
  compare: boolean
}

export function formOf(w?: SavedWidget | null): WidgetForm {
  return {
    kind: w?.report ? 'report' : 'metric',
    title: w?.title ?? '',
    reportId: w?.report?.id,
    rows: w?.report?.rows ?? 10,
    chart: w?.chart ?? 'bar',
    metric: w?.query?.metric ?? 'deals.count',
    dimension: w?.query?.dimension ?? 'month',
    series: w?.query?.series ?? 'none',
    mine: w?.query?.filters.ownerId === 'me',
    priority: w?.query?.filters.priority ?? 'any',
    compare: w?.query?.compare ?? false,
  }
}

/** The saved query a form describes (what savedWidgetQuerySchema checks). */
export function queryOf(f: WidgetForm) {
  return {
    metric: f.metric,
    ...(f.dimension !== 'none' ? { dimension: f.dimension } : {}),
    ...(f.series !== 'none' ? { series: f.series } : {}),
    filters: { ...(f.mine ? { ownerId: 'me' as const } : {}), ...(f.priority !== 'any' ? { priority: f.priority } : {}) },
    compare: f.compare,
  }
}

/**
 * The form's errors by field, from the shared schema (the server applies the same) plus what a
 * chart kind needs to be drawn: a breakdown for charts, a second one for a heatmap.
 */
export function widgetFormErrors(f: WidgetForm): { name: string, message: string }[] {
  const errors: { name: string, message: string }[] = []
  if (!f.title.trim()) errors.push({ name: 'title', message: 'Is required' })
  if (f.kind === 'report') {
    if (!f.reportId) errors.push({ name: 'reportId', message: 'Pick the report to show' })
    if (!(REPORT_WIDGET_CHARTS as readonly string[]).includes(f.chart)) errors.push({ name: 'chart', message: 'A report shows as a table, or a bar, line or pie chart' })
    if (!Number.isInteger(f.rows) || f.rows < 1 || f.rows > REPORT_WIDGET_MAX_ROWS) errors.push({ name: 'rows', message: `Between 1 and ${REPORT_WIDGET_MAX_ROWS}` })
    return errors
  }
  const parsed = savedWidgetQuerySchema.safeParse(queryOf(f))
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const name = String(i.path[0] ?? 'metric')
      errors.push({ name: name === 'filters' ? String(i.path[1] ?? 'metric') : name, message: i.message.charAt(0).toUpperCase() + i.message.slice(1) })
    }
  }
  if (f.chart !== 'kpi' && f.chart !== 'table' && f.dimension === 'none' && !errors.some(e => e.name === 'dimension')) errors.push({ name: 'dimension', message: `A ${CHART_LABELS[f.chart].toLowerCase()} chart needs a breakdown` })
  if (f.chart === 'heatmap' && f.series === 'none' && !errors.some(e => e.name === 'series')) errors.push({ name: 'series', message: 'A heatmap needs a second breakdown' })
  return errors
}

/** The dimensions a metric allows, plus the chosen one if it is not among them (so its error shows). */
export function dimensionItems(metric: MetricKey, current: string, exclude = 'none') {
  const allowed: readonly string[] = METRICS[metric].dimensions
  const keys = [...allowed, ...(current !== 'none' && !allowed.includes(current) ? [current] : [])].filter(k => k !== exclude)
  return [{ label: 'None', value: 'none' }, ...keys.map(k => ({ label: DIMENSIONS[k as DimensionKey].label, value: k }))]
}
