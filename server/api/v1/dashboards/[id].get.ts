import { dashboardViewer, getDashboard } from '#server/services/analytics/dashboards'

export default defineEventHandler(async (event) => {
  const request = await v1Input<{ id: string }>(event, 'GET /dashboards/{id}')
  const dashboard = await withTenant(event, scope => getDashboard(scope, dashboardViewer(request.actor), request.params.id))
  return v1Answer(event, request, dashboard)
})
