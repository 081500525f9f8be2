import { dashboardParamsSchema, dashboardPatchSchema } from '#shared/schemas/dashboards'
import { dashboardViewer, updateDashboard } from '#server/services/analytics/dashboards'

// Saves a changed dashboard (name, widgets, layout, sharing) named by the version it was read at.
export default defineEventHandler(async (event) => {
  requireFeature(event, 'dashboards')
  const viewer = dashboardViewer(requirePermission(event, 'dashboard:write'))
  const { id } = await parseParams(event, dashboardParamsSchema)
  const input = await parseBody(event, dashboardPatchSchema)
  return withTenant(event, scope => updateDashboard(scope, viewer, id, input))
})
