import { dateRangeSchema } from '#shared/analytics'
import { isMetricWidget, isReportWidget } from '#shared/schemas/dashboards'
import { dashboardViewer, getDashboard } from '#server/services/analytics/dashboards'
import { answerWidgets } from '#server/services/analytics/answer'
import { addDays, todayIn } from '#server/services/analytics/buckets'
import { readRevisions } from '#server/utils/revisions'

const DEFAULT_DAYS = 30

// Every widget of a dashboard answered over one date range, as its page shows them; a widget over
// data the caller may not read answers an error in its place, the others still answer. A widget
// showing a saved report answers which report (its rows are the report's, not the range's).
export default defineEventHandler(async (event) => {
  const request = await v1Input<{ id: string }, { from?: string, to?: string }>(event, 'GET /dashboards/{id}/data')
  const viewer = viewerOf(event)
  const to = request.query.to ?? todayIn(viewer.timeZone)
  const from = request.query.from ?? addDays(to, -(DEFAULT_DAYS - 1))
  const range = dateRangeSchema.safeParse({ from, to })
  if (!range.success) throw validationError(range.error, 'query')
  const dashboard = await withTenant(event, scope => getDashboard(scope, dashboardViewer(request.actor), request.params.id))
  const readable = dashboard.widgets.filter(isMetricWidget).filter(w => viewer.metrics.has(w.query.metric))
  const answers = await answerWidgets(viewer.tenantId, readable.map(w => ({ ...w.query, range: range.data })), viewer, await readRevisions(viewer.tenantId))
  const byId = new Map(readable.map((w, i) => [w.id, answers[i]!]))
  return v1Answer(event, request, {
    range: range.data,
    widgets: dashboard.widgets.map(w => (byId.has(w.id)
      ? { widgetId: w.id, ...byId.get(w.id)! }
      : isReportWidget(w)
        ? { widgetId: w.id, report: w.report }
        : { widgetId: w.id, error: { code: 'FORBIDDEN', message: 'This widget shows data you may not read' } })),
  })
})
