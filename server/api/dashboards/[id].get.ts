import { dashboardParamsSchema } from '#shared/schemas/dashboards'
import { dashboardViewer, getDashboard } from '#server/services/analytics/dashboards'

export default defineEventHandler(async (event) => {
  requireFeature(event, 'dashboards')
  const viewer = dashboardViewer(requirePermission(event, 'dashboard:read'))
  const { id } = await parseParams(event, dashboardParamsSchema)
  return withTenant(event, scope => getDashboard(scope, viewer, id))
})
