import { dashboardViewer, listDashboards } from '#server/services/analytics/dashboards'

// The custom dashboards the caller may open: their own and those shared with their role.
export default defineEventHandler(async (event) => {
  const request = await v1Input(event, 'GET /dashboards')
  const items = await withTenant(event, scope => listDashboards(scope, dashboardViewer(request.actor)))
  return v1Answer(event, request, { items })
})
