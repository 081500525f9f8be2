import { dashboardParamsSchema } from '#shared/schemas/dashboards'
import { dashboardViewer, deleteDashboard } from '#server/services/analytics/dashboards'

export default defineEventHandler(async (event) => {
  requireFeature(event, 'dashboards')
  const viewer = dashboardViewer(requirePermission(event, 'dashboard:delete'))
  const { id } = await parseParams(event, dashboardParamsSchema)
  await withTenant(event, scope => deleteDashboard(scope, viewer, id))
  setResponseStatus(event, 204)
  return null
})
