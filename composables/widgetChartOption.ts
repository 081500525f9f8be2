import type { ChartKind, MetricFormat, MetricKey, WidgetResult } from '#shared/analytics'
import { METRICS } from '#shared/analytics'
import type { ThemeColors } from './useThemeColors'

/** The chart kinds drawn by ECharts (KPI and table are plain markup). */
export type CanvasChartKind = Exclude<ChartKind, 'kpi' | 'table'>
export const CANVAS_CHART_KINDS: readonly ChartKind[] = ['line', 'bar', 'area', 'pie', 'funnel', 'heatmap']

/** A second result drawn over the first (the revenue chart's forecast line). */
export interface ChartOverlay { result: WidgetResult, label: string }

export interface WidgetOptionInput {
  kind: CanvasChartKind
  result: WidgetResult
  overlay?: ChartOverlay | null
  colors: ThemeColors
  format: (format: MetricFormat, value: number | null, compact?: boolean) => string
  /** Phone width: legend below, fewer axis labels. */
  narrow?: boolean
  /** The accessible description ECharts puts on the canvas. */
  description?: string
}

/** `#rrggbb` at the given opacity (the theme's palette values are hex); anything else as is. */
export const withAlpha = (color: string, alpha: number) => /^#[0-9a-f]{6}$/i.test(color)
  ? `rgba(${[1, 3, 5].map(i => Number.parseInt(color.slice(i, i + 2), 16)).join(',')},${alpha})`
  : color

/** The first series' values, or zeros: what a one-series chart (pie, funnel) draws. */
const firstValues = (r: WidgetResult) => r.categories.map((_, i) => r.series[0]?.values[i] ?? 0)

/** Whether a result has nothing to draw (no categories, or every value empty or zero). */
export function isEmptyResult(r: WidgetResult | null | undefined): boolean {
  if (!r) return true
  if (!r.categories.length) return r.total === null || r.total === 0
  return r.series.every(s => s.values.every(v => v === null || v === 0))
}

/** Category keys of the base and the overlay merged in order (time buckets stay sorted). */
function mergedCategories(base: WidgetResult, overlay?: WidgetResult) {
  const seen = new Map(base.categories.map(c => [c.key, c.label]))
  for (const c of overlay?.categories ?? []) if (!seen.has(c.key)) seen.set(c.key, c.label)
  const keys = [...seen.keys()]
  if (overlay && keys.every(k => /^\d{4}-\d{2}/.test(k))) keys.sort()
  return keys.map(k => ({ key: k, label: seen.get(k)! }))
}

/** The ECharts option of one widget, coloured only from the tenant's theme. */
export function widgetChartOption(input: WidgetOptionInput): Record<string, unknown> {
  const { kind, result, overlay, colors: c, format, narrow = false, description } = input
  const fmt = (v: number | null, compact = false) => format(result.format, v, compact)
  const base = {
    aria: { enabled: true, ...(description ? { label: { description } } : {}) },
    color: c.categories.length ? [...c.categories] : [c.primary],
    textStyle: { fontFamily: 'inherit' },
    tooltip: {
      trigger: kind === 'pie' || kind === 'funnel' || kind === 'heatmap' ? 'item' : 'axis',
      backgroundColor: c.background,
      borderColor: c.border,
      textStyle: { color: c.text },
      valueFormatter: (v: number | null) => fmt(v),
      confine: true,
    },
  }
  const legend = (show: boolean) => ({
    show,
    type: 'scroll',
    ...(narrow ? { bottom: 0, left: 'center' } : { top: 0, left: 0 }),
    icon: 'roundRect',
    itemWidth: 10,
    itemHeight: 10,
    textStyle: { color: c.muted },
    pageTextStyle: { color: c.muted },
  })

  if (kind === 'pie' || kind === 'funnel') {
    // A pie leaves out empty slices; `catIndex` keeps the way back to the category (drill).
    const data = result.categories.map((cat, i) => ({ name: cat.label, value: firstValues(result)[i], catIndex: i }))
      .filter(d => kind === 'funnel' || (d.value ?? 0) > 0)
    return {
      ...base,
      legend: { ...legend(true), ...(kind === 'pie' ? { bottom: 0, top: undefined, left: 'center' } : {}) },
      series: [kind === 'pie'
        ? { type: 'pie', radius: ['50%', '74%'], center: ['50%', '44%'], avoidLabelOverlap: true, label: { show: false }, itemStyle: { borderColor: c.background, borderWidth: 2, borderRadius: 4 }, data }
        : { type: 'funnel', sort: 'none', left: narrow ? 8 : '10%', right: narrow ? 8 : '10%', top: narrow ? 8 : 32, bottom: narrow ? 40 : 8, gap: 2, minSize: '8%', label: { show: !narrow, position: 'inside', color: c.text, textBorderColor: c.background, textBorderWidth: 2, formatter: '{b}' }, itemStyle: { borderColor: c.background, borderWidth: 1 }, data }],
    }
  }

  if (kind === 'heatmap') {
    // Categories are the rows (weekdays), series the columns (hours).
    const cols = result.series
    const data = result.categories.flatMap((_, y) => cols.map((s, x) => [x, y, s.values[y] ?? 0]))
    const max = Math.max(1, ...data.map(d => d[2] as number))
    return {
      ...base,
      grid: { left: 8, right: 8, top: 8, bottom: narrow ? 44 : 40, containLabel: true },
      xAxis: { type: 'category', data: cols.map(s => s.label), splitArea: { show: false }, axisLine: { lineStyle: { color: c.border } }, axisTick: { show: false }, axisLabel: { color: c.muted, interval: narrow ? 5 : 1 } },
      yAxis: { type: 'category', data: result.categories.map(cat => cat.label), inverse: true, axisLine: { show: false }, axisTick: { show: false }, axisLabel: { color: c.muted } },
      visualMap: { min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: narrow ? 100 : 160, itemWidth: 10, inRange: { color: [...c.heat] }, textStyle: { color: c.muted } },
      series: [{ type: 'heatmap', data, itemStyle: { borderColor: c.background, borderWidth: 2, borderRadius: 3 }, emphasis: { itemStyle: { borderColor: c.text } } }],
    }
  }

  // Line, bar, area, and the bars + forecast line combination.
  const cats = mergedCategories(result, overlay?.result)
  const at = (r: WidgetResult, values: (number | null)[]) => {
    const index = new Map(r.categories.map((cat, i) => [cat.key, i]))
    return cats.map(cat => index.has(cat.key) ? values[index.get(cat.key)!] ?? null : null)
  }
  const many = result.series.length > 1
  const seriesType = kind === 'bar' ? 'bar' : 'line'
  const series: Record<string, unknown>[] = result.series.map((s, i) => ({
    name: s.label,
    type: seriesType,
    data: at(result, s.values),
    stack: many && kind !== 'line' ? 'total' : undefined,
    smooth: kind !== 'bar',
    showSymbol: false,
    barMaxWidth: 22,
    itemStyle: kind === 'bar' ? { borderRadius: many ? 0 : [3, 3, 0, 0] } : undefined,
    lineStyle: kind === 'bar' ? undefined : { width: 2 },
    areaStyle: kind === 'area'
      ? (many
          ? { opacity: 0.85 }
          : { color: { type: 'linear', x: 0, y: 0, x2: 0, y2: 1, colorStops: [{ offset: 0, color: withAlpha(c.categories[i] ?? c.primary, 0.3) }, { offset: 1, color: withAlpha(c.categories[i] ?? c.primary, 0) }] } })
      : undefined,
  }))
  if (overlay) {
    series.push({
      name: overlay.label,
      type: 'line',
      data: at(overlay.result, overlay.result.series[0]?.values ?? []),
      smooth: false,
      showSymbol: true,
      symbolSize: 5,
      connectNulls: true,
      color: c.secondary,
      lineStyle: { width: 2, type: 'dashed', color: c.secondary },
      itemStyle: { color: c.secondary },
    })
  }
  return {
    ...base,
    legend: legend(many || !!overlay),
    grid: { left: 8, right: 8, top: !narrow && (many || overlay) ? 36 : 12, bottom: narrow && (many || overlay) ? 52 : 4, containLabel: true },
    xAxis: {
      type: 'category',
      data: cats.map(cat => cat.label),
      boundaryGap: kind === 'bar',
      axisLine: { lineStyle: { color: c.border } },
      axisTick: { show: false },
      axisLabel: { color: c.muted, hideOverlap: true, ...(narrow ? { interval: Math.max(0, Math.ceil(cats.length / 4) - 1) } : {}) },
    },
    yAxis: {
      type: 'value',
      splitNumber: narrow ? 3 : 5,
      minInterval: result.format === 'count' ? 1 : undefined,
      splitLine: { lineStyle: { color: c.border, type: 'dashed' } },
      axisLabel: { color: c.muted, formatter: (v: number) => fmt(v, true) },
    },
    series,
  }
}

/**
 * The chart said in words, for screen readers and for anyone who prefers text: the total, then
 * the largest categories (or, over time, the first, the last and the peak).
 */
export function widgetSummary(title: string, result: WidgetResult, format: (format: MetricFormat, value: number | null) => string, overlay?: ChartOverlay | null): string {
  const fmt = (v: number | null) => format(result.format, v)
  if (isEmptyResult(result)) return `${title}: no data in this period.`
  const parts = [`${title}: ${fmt(result.total)} in total`]
  if (result.change !== null) parts[0] += `, ${result.change >= 0 ? 'up' : 'down'} ${Math.abs(Math.round(result.change * 100))}% on the previous period`
  if (result.categories.length) {
    const totals = result.categories.map((cat, i) => ({ label: cat.label, value: result.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0) }))
    const top = [...totals].sort((a, b) => b.value - a.value).slice(0, 3)
    parts.push(`highest: ${top.map(t => `${t.label} ${fmt(t.value)}`).join(', ')}`)
    if (result.series.length > 1) parts.push(`split by ${result.series.map(s => s.label).slice(0, 6).join(', ')}`)
  }
  if (overlay && !isEmptyResult(overlay.result)) parts.push(`${overlay.label.toLowerCase()} ${fmt(overlay.result.total)}`)
  return `${parts.join('; ')}.`
}

/** The list page behind a metric's records, or null when it has none (the timeline). */
export function widgetDrillPath(metric: MetricKey): string | null {
  const source = METRICS[metric].source
  return source === 'activities' ? null : `/${source}`
}
