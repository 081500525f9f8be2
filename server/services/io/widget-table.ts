import type { WidgetQuery, WidgetResult } from '#shared/analytics'
import { DIMENSIONS, METRICS } from '#shared/analytics'
import type { TableColumn, TableRow } from '#server/utils/send-table'
import { moneyCell } from '#server/utils/spreadsheet-cells'

/** A money metric is computed in minor units of the workspace's currency; files carry decimals, like the list exports. */
const asFile = (result: WidgetResult, v: number | null, currency: string) => (result.format === 'money' ? moneyCell(v, currency) : v)

/**
 * A widget's answer as a table: with a dimension, one row per category and one column per
 * series (a single series is headed by the metric's label); without, one row with the total
 * (and the previous period and change when compared).
 */
export function widgetTable(query: WidgetQuery, result: WidgetResult, currency: string): { columns: TableColumn[], rows: TableRow[] } {
  const metric = METRICS[query.metric].label
  if (query.dimension && result.categories.length) {
    const single = result.series.length === 1
    const columns: TableColumn[] = [
      { key: query.dimension, label: DIMENSIONS[query.dimension].label },
      ...result.series.map(s => ({ key: single ? 'value' : s.key, label: single ? metric : s.label })),
    ]
    const rows = result.categories.map((c, i): TableRow => [c.label, ...result.series.map(s => asFile(result, s.values[i] ?? null, currency))])
    return { columns, rows }
  }
  const columns: TableColumn[] = [{ key: 'metric', label: 'Metric' }, { key: 'total', label: metric }]
  const row: TableRow = [metric, asFile(result, result.total, currency)]
  if (query.compare) {
    columns.push({ key: 'previous', label: 'Previous period' }, { key: 'change', label: 'Change' })
    row.push(asFile(result, result.previous, currency), result.change)
  }
  return { columns, rows: [row] }
}
