import { dashboardCreateSchema } from '#shared/schemas/dashboards'
import { createDashboard, dashboardViewer } from '#server/services/analytics/dashboards'

export default defineEventHandler(async (event) => {
  requireFeature(event, 'dashboards')
  const viewer = dashboardViewer(requirePermission(event, 'dashboard:write'))
  const input = await parseBody(event, dashboardCreateSchema)
  const dashboard = await withTenant(event, scope => createDashboard(scope, viewer, input))
  setResponseStatus(event, 201)
  return dashboard
})
