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
  /** The chart's width in pixels, when known: a funnel lines its labels up beside it. */
  width?: number
}

/** `#rrggbb` at the given opacity (the theme's palette values are hex); anything else as is. */
export const withAlpha = (color: string, alpha: number) => /^#[0-9a-f]{6}$/i.test(color)
  ? `rgba(${[1, 3, 5].map(i => Number.parseInt(color.slice(i, i + 2), 16)).join(',')},${alpha})`
  : color

/** The first series' values, or zeros: what a one-series chart (pie, funnel) draws. */
const firstValues = (r: WidgetResult) => r.categories.map((_, i) => r.series[0]?.values[i] ?? 0)

/** One segment of a funnel: `value` is its width, `here` what is in the category itself. */
export interface FunnelRow { name: string, value: number, here: number, catIndex: number }

/** Metrics of open deals: by stage, each deal has passed every stage before its own. */
const REACHED_METRICS: readonly MetricKey[] = ['deals.open_count', 'deals.open_value']

/**
 * A funnel's segments. Open deals by stage keep the pipeline's order and each stage counts the
 * open deals that reached it (those in it and in every later stage of the same pipeline), so the
 * funnel narrows from the first stage as a sales person reads it (`reached`). Anything else is a
 * plain ranking, largest first. Rows come in drawing order, top first.
 */
export function funnelRows(result: WidgetResult): { reached: boolean, rows: FunnelRow[] } {
  const values = firstValues(result)
  const rows = result.categories.map((cat, i) => ({ name: cat.label, value: values[i] ?? 0, here: values[i] ?? 0, catIndex: i }))
  const cats = result.categories
  const reached = REACHED_METRICS.includes(result.metric) && cats.length > 0 && cats.every(cat => cat.drill?.stageId)
  if (!reached) return { reached, rows: rows.sort((a, b) => b.value - a.value) }
  let beyond = 0
  for (let i = rows.length - 1; i >= 0; i--) {
    if (cats[i]!.drill!.pipelineId !== cats[i + 1]?.drill?.pipelineId) beyond = 0
    beyond += rows[i]!.here
    rows[i]!.value = beyond
  }
  return { reached, rows }
}

/** A funnel's narrowest segment, as a share of its widest. */
const FUNNEL_MIN = 0.14

/**
 * Where a funnel sits in a chart `width` pixels wide (0 when not yet measured): the left 54 %,
 * and its labels' line lengths so every label starts at the same x, 12 px right of the widest
 * segment (ECharts starts a label at its segment's slanted edge plus the line). `labelWidth` is
 * the room left for a label.
 */
export function funnelGeometry(values: readonly number[], width: number): { left: number, width: number | string, labelWidth: number, lineLengths: number[] } {
  const left = 4
  if (width <= 0) return { left, width: '54%', labelWidth: 0, lineLengths: values.map(() => 12) }
  const box = width * 0.54
  const max = Math.max(0, ...values)
  // ECharts' widths: linear from the smallest (at 0) to the whole box (at the largest value).
  const w = (v: number) => box * (FUNNEL_MIN + (1 - FUNNEL_MIN) * (max > 0 ? v / max : 0))
  // A segment's right edge runs from its own width to the next one's (0 after the last); the line
  // starts at that edge's middle and the text 5 px after the line.
  const lineLengths = values.map((v, i) => Math.max(4, box / 2 + 7 - (w(v) + w(values[i + 1] ?? 0)) / 4))
  return { left, width: box, labelWidth: Math.max(48, width - left - box - 12 - 8), lineLengths }
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' }
/** Text put into a tooltip's HTML (category names are typed by people). */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, ch => HTML_ESCAPES[ch]!)

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
  const { kind, result, overlay, colors: c, format, narrow = false, description, width = 0 } = input
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
      // ECharts' own pointer is grey and its label slate blue: the theme's instead.
      axisPointer: {
        type: kind === 'bar' ? 'shadow' : 'line',
        lineStyle: { color: c.muted, type: 'dashed' },
        shadowStyle: { color: withAlpha(c.primary, 0.08) },
        label: { backgroundColor: c.primary, color: c.background },
      },
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
    // The page arrows of a long legend in the tenant's colour (ECharts draws them slate blue);
    // a switched-off entry and a spent arrow fade the muted text colour, readable in both modes.
    pageIconColor: c.primary,
    pageIconInactiveColor: withAlpha(c.muted, 0.35),
    pageIconSize: 11,
    pageTextStyle: { color: c.muted },
    inactiveColor: withAlpha(c.muted, 0.45),
    inactiveBorderColor: withAlpha(c.muted, 0.45),
  })

  if (kind === 'funnel') {
    const { reached, rows } = funnelRows(result)
    // Stage names may hold `{` or `|`, which rich text would read as markup.
    const plain = (name: string) => name.replace(/[{}|]/g, ' ')
    const { left, width: funnelWidth, labelWidth, lineLengths } = funnelGeometry(rows.map(r => r.value), width)
    return {
      ...base,
      tooltip: {
        ...base.tooltip,
        formatter: (p: { marker: string, name: string, data: FunnelRow }) => `${p.marker}${escapeHtml(p.name)}<br/>${reached
          ? `Reached this stage: ${fmt(p.data.value)}<br/>In it now: ${fmt(p.data.here)}`
          : fmt(p.data.value)}`,
      },
      // Labels beside the funnel, lined up, on the card's own background: readable whatever a
      // segment's fill, in both colour modes. Rows come in drawing order (see funnelRows).
      series: [{
        type: 'funnel',
        sort: 'none',
        left,
        top: 8,
        bottom: 8,
        width: funnelWidth,
        funnelAlign: 'center',
        gap: 2,
        minSize: `${FUNNEL_MIN * 100}%`,
        label: {
          show: true,
          position: 'right',
          formatter: (p: { name: string, value: number }) => `{name|${plain(p.name)}}  {value|${fmt(p.value, true)}}`,
          rich: { name: { color: c.text, fontSize: 12 }, value: { color: c.muted, fontSize: 12, fontWeight: 600 } },
          ...(labelWidth ? { width: labelWidth, overflow: 'truncate' } : {}),
        },
        labelLine: { show: true, lineStyle: { color: c.border } },
        itemStyle: { borderColor: c.background, borderWidth: 1 },
        data: rows.map((r, i) => ({ ...r, labelLine: { length: lineLengths[i] } })),
      }],
    }
  }

  if (kind === 'pie') {
    // A pie leaves out empty slices; `catIndex` keeps the way back to the category (drill).
    const data = result.categories.map((cat, i) => ({ name: cat.label, value: firstValues(result)[i], catIndex: i }))
      .filter(d => (d.value ?? 0) > 0)
    return {
      ...base,
      legend: { ...legend(true), bottom: 0, top: undefined, left: 'center' },
      series: [{ type: 'pie', radius: ['50%', '74%'], center: ['50%', '44%'], avoidLabelOverlap: true, label: { show: false }, itemStyle: { borderColor: c.background, borderWidth: 2, borderRadius: 4 }, data }],
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
