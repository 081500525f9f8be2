import { describe, expect, it } from 'vitest'
import type { WidgetResult } from '../../shared/analytics'
import { funnelGeometry, funnelRows, isEmptyResult, widgetChartOption, widgetDrillPath, widgetSummary } from '../../composables/widgetChartOption'
import type { ThemeColors } from '../../composables/useThemeColors'
import { presetRange, todayIn } from '../../composables/useDashboardRange'
import { changedSources } from '../../composables/useLiveRevisions'
import { formOf, widgetFormErrors } from '../../composables/widgetDraft'
import { exportFileName } from '../../composables/useDashboardExport'
import { widgetSchema } from '../../shared/schemas/dashboards'

// The pure parts of the dashboard UI: chart options from a WidgetResult, the text summary,
// date presets, which sources moved, the widget editor's checks and export file names.
const colors: ThemeColors = {
  primary: '#2563eb', secondary: '#737373', text: '#111', muted: '#666', border: '#ddd', background: '#fff',
  categories: ['#3b82f6', '#a3a3a3', '#93c5fd'], positive: '#16a34a', negative: '#dc2626', heat: ['#f5f5f5', '#2563eb'],
}
const format = (_f: string, v: number | null) => v === null ? '—' : String(v)
const result = (over: Partial<WidgetResult> = {}): WidgetResult => ({
  metric: 'deals.won_value', format: 'money', total: 30, previous: 20, change: 0.5, revision: 'r1',
  categories: [{ key: '2026-01', label: 'Jan 2026' }, { key: '2026-02', label: 'Feb 2026', drill: { stageId: 's' } }],
  series: [{ key: 'value', label: 'Won', values: [10, 20] }],
  ...over,
})

describe('widget chart options', () => {
  it('draws bars in the theme colours with the forecast as a dashed line on the merged months', () => {
    const forecast = result({ metric: 'deals.forecast_value', categories: [{ key: '2026-02', label: 'Feb 2026' }, { key: '2026-03', label: 'Mar 2026' }], series: [{ key: 'value', label: 'Forecast', values: [5, 7] }] })
    const o = widgetChartOption({ kind: 'bar', result: result(), overlay: { result: forecast, label: 'Forecast' }, colors, format }) as any
    expect(o.color).toEqual(colors.categories)
    expect(o.xAxis.data).toEqual(['Jan 2026', 'Feb 2026', 'Mar 2026'])
    expect(o.series[0]).toMatchObject({ type: 'bar', data: [10, 20, null] })
    expect(o.series[1]).toMatchObject({ type: 'line', name: 'Forecast', data: [null, 5, 7], lineStyle: { type: 'dashed', color: colors.secondary } })
    expect(o.legend.show).toBe(true)
  })

  it('stacks areas when there are several series and puts the legend below at phone width', () => {
    const r = result({ series: [{ key: 'high', label: 'High', values: [1, 2] }, { key: 'low', label: 'Low', values: [3, 4] }] })
    const o = widgetChartOption({ kind: 'area', result: r, colors, format, narrow: true }) as any
    expect(o.series.map((s: any) => s.stack)).toEqual(['total', 'total'])
    expect(o.legend).toMatchObject({ bottom: 0 })
  })

  it('builds pie, funnel and heatmap data from categories and series', () => {
    const funnel = widgetChartOption({ kind: 'funnel', result: result(), colors, format }) as any
    // Not stages: a ranking, largest first (the drill still finds its category).
    expect(funnel.series[0]).toMatchObject({ type: 'funnel', sort: 'none', data: [{ name: 'Feb 2026', value: 20, catIndex: 1 }, { name: 'Jan 2026', value: 10, catIndex: 0 }] })
    const pie = widgetChartOption({ kind: 'pie', result: result({ series: [{ key: 'value', label: 'Won', values: [0, 20] }] }), colors, format }) as any
    expect(pie.series[0].data).toEqual([{ name: 'Feb 2026', value: 20, catIndex: 1 }])
    const heat = widgetChartOption({ kind: 'heatmap', result: result({ series: [{ key: '9', label: '9', values: [1, 0] }, { key: '10', label: '10', values: [4, 2] }] }), colors, format }) as any
    expect(heat.series[0].data).toEqual([[0, 0, 1], [1, 0, 4], [0, 1, 0], [1, 1, 2]])
    expect(heat.visualMap).toMatchObject({ max: 4, inRange: { color: colors.heat } })
  })

  it('draws open deals by stage as a funnel that narrows, in pipeline order, labelled beside it', () => {
    // Prospecting holds fewer open deals than Proposal: each stage counts the deals that reached it.
    const stage = (id: string, label: string, pipelineId = 'p1') => ({ key: id, label, drill: { stageId: id, status: 'open', pipelineId } })
    const open = result({
      metric: 'deals.open_count', format: 'count',
      categories: [stage('s1', 'Prospecting'), stage('s2', 'Qualification'), stage('s3', 'Proposal'), stage('s4', 'Negotiation'), stage('t1', 'Intake', 'p2'), stage('t2', 'Signed', 'p2')],
      series: [{ key: 'value', label: 'Open deals', values: [2, 5, 9, 1, 4, 3] }],
    })
    const o = widgetChartOption({ kind: 'funnel', result: open, colors, format }) as any
    expect(o.series[0].sort).toBe('none')
    expect(o.series[0].data.map((d: any) => [d.name, d.value, d.here])).toEqual([
      ['Prospecting', 17, 2], ['Qualification', 15, 5], ['Proposal', 10, 9], ['Negotiation', 1, 1], ['Intake', 7, 4], ['Signed', 3, 3],
    ])
    expect(o.series[0].data.map((d: any) => d.catIndex)).toEqual([0, 1, 2, 3, 4, 5])
    // Labels sit beside the segments in the text colour, never outlined over a pale fill.
    expect(o.series[0].label).toMatchObject({ position: 'right' })
    expect(o.series[0].label.textBorderWidth).toBeUndefined()
    expect(o.series[0].label.rich.name.color).toBe(colors.text)
    expect(o.tooltip.formatter({ marker: '', name: 'Pro<b>', data: o.series[0].data[2] })).toBe('Pro&lt;b&gt;<br/>Reached this stage: 10<br/>In it now: 9')
    expect(funnelRows(result()).reached).toBe(false)
  })

  it('lines a funnel\'s labels up beside its widest segment', () => {
    const values = [17, 15, 10, 1]
    const g = funnelGeometry(values, 500)
    expect(g.width).toBe(270)
    // ECharts starts each label at the middle of its segment's right edge, plus the line, plus 5 px.
    const w = (v: number) => 270 * (0.14 + 0.86 * v / 17)
    const starts = values.map((v, i) => 4 + 135 + (w(v) + w(values[i + 1] ?? 0)) / 4 + g.lineLengths[i]! + 5)
    for (const x of starts) expect(x).toBeCloseTo(4 + 270 + 12)
    expect(g.labelWidth).toBe(500 - 4 - 270 - 12 - 8)
    expect(funnelGeometry(values, 0)).toMatchObject({ width: '54%', labelWidth: 0 })
  })

  it('colours the legend\'s page arrows and the axis pointer from the theme', () => {
    const r = result({ series: [{ key: 'high', label: 'High', values: [1, 2] }, { key: 'low', label: 'Low', values: [3, 4] }] })
    const o = widgetChartOption({ kind: 'bar', result: r, colors: { ...colors, muted: '#666666' }, format }) as any
    expect(o.legend).toMatchObject({ type: 'scroll', pageIconColor: colors.primary, pageTextStyle: { color: '#666666' } })
    expect(o.legend.pageIconInactiveColor).toBe('rgba(102,102,102,0.35)')
    expect(o.tooltip.axisPointer).toMatchObject({ type: 'shadow', label: { backgroundColor: colors.primary } })
    const pie = widgetChartOption({ kind: 'pie', result: result(), colors, format }) as any
    expect(pie.legend.pageIconColor).toBe(colors.primary)
  })

  it('says the chart in words and knows when there is nothing to draw', () => {
    expect(widgetSummary('Won', result(), format)).toBe('Won: 30 in total, up 50% on the previous period; highest: Feb 2026 20, Jan 2026 10.')
    const empty = result({ total: 0, change: null, series: [{ key: 'value', label: 'Won', values: [0, 0] }] })
    expect(isEmptyResult(empty)).toBe(true)
    expect(widgetSummary('Won', empty, format)).toBe('Won: no data in this period.')
    expect(widgetDrillPath('deals.count')).toBe('/deals')
    expect(widgetDrillPath('activities.count')).toBeNull()
  })
})

describe('dashboard range and live revisions', () => {
  it('computes presets in the workspace time zone, both ends included', () => {
    expect(todayIn('Europe/Berlin', new Date('2026-03-31T22:30:00Z'))).toBe('2026-04-01')
    expect(todayIn('America/New_York', new Date('2026-03-31T22:30:00Z'))).toBe('2026-03-31')
    expect(presetRange('7d', '2026-03-05')).toEqual({ from: '2026-02-27', to: '2026-03-05' })
    expect(presetRange('quarter', '2026-05-20')).toEqual({ from: '2026-04-01', to: '2026-05-20' })
    expect(presetRange('year', '2026-05-20')).toEqual({ from: '2026-01-01', to: '2026-05-20' })
  })

  it('names the sources whose revision moved, nothing on the first answer', () => {
    expect(changedSources(null, { deals: 'a' })).toEqual([])
    expect(changedSources({ deals: 'a', leads: 'b' }, { deals: 'a', leads: 'c', tickets: 'd' })).toEqual(['leads', 'tickets'])
  })
})

describe('widget editor', () => {
  it('puts the shared schema\'s messages and the chart\'s needs on their fields', () => {
    expect(widgetFormErrors(formOf(null))).toEqual([{ name: 'title', message: 'Is required' }])
    const bad = { ...formOf(null), title: 'Open by month', metric: 'deals.open_value' as const, dimension: 'month' as const }
    expect(widgetFormErrors(bad)).toEqual([{ name: 'dimension', message: 'Open pipeline value cannot be broken down by month' }])
    expect(widgetFormErrors({ ...formOf(null), title: 'x', chart: 'pie', dimension: 'none' })).toEqual([{ name: 'dimension', message: 'A pie chart needs a breakdown' }])
    expect(widgetFormErrors({ ...formOf(null), title: 'x', chart: 'heatmap', dimension: 'weekday' })).toEqual([{ name: 'series', message: 'A heatmap needs a second breakdown' }])
  })

  it('asks a report widget for its report, a chart kind a report can draw and a sensible number of rows', () => {
    const report = { ...formOf(null), kind: 'report' as const, title: 'Pipeline', chart: 'table' as const }
    expect(widgetFormErrors(report)).toEqual([{ name: 'reportId', message: 'Pick the report to show' }])
    const picked = { ...report, reportId: '7d1c8a3e-5b2f-4c6d-9e8f-0a1b2c3d4e5f' }
    expect(widgetFormErrors(picked)).toEqual([])
    expect(widgetFormErrors({ ...picked, chart: 'heatmap', rows: 51 })).toEqual([
      { name: 'chart', message: 'A report shows as a table, or a bar, line or pie chart' },
      { name: 'rows', message: 'Between 1 and 50' },
    ])
    // The same rules as the server's: one of a metric or a report, and a chart a report can be.
    const layout = { x: 0, y: 0, w: 6, h: 6 }
    expect(widgetSchema.safeParse({ id: 'w-report1', title: 'Pipeline', chart: 'bar', report: { id: picked.reportId }, layout }).data?.report).toEqual({ id: picked.reportId, rows: 10 })
    const both = widgetSchema.safeParse({ id: 'w-report1', title: 'Pipeline', chart: 'kpi', report: { id: picked.reportId }, query: { metric: 'deals.count' }, layout })
    expect(both.error?.issues.map(i => `${i.path.join('.')}: ${i.message}`)).toEqual(['query: must be given, or a report instead (one of the two)', 'chart: A report widget is a table, or a bar, line or pie chart'])
    expect(widgetSchema.safeParse({ id: 'w-report1', title: 'Nothing', chart: 'table', layout }).error?.issues[0]?.path).toEqual(['query'])
    // A widget saved before report widgets existed reads as it did.
    expect(formOf({ id: 'w-metric1', title: 'Deals', chart: 'bar', query: { metric: 'deals.count', filters: {}, compare: false, limit: 12 }, layout })).toMatchObject({ kind: 'metric', metric: 'deals.count', reportId: undefined })
  })

  it('names export files after the dashboard', () => {
    expect(exportFileName('Ventes Q3 — Équipe Nord', 'pdf')).toBe('ventes-q3-equipe-nord.pdf')
    expect(exportFileName('***', 'png')).toBe('dashboard.png')
  })
})
