import { dashboardViewer, listDashboards } from '#server/services/analytics/dashboards'

// The custom dashboards the person may open: their own and those shared with their role.
export default defineEventHandler((event) => {
  requireFeature(event, 'dashboards')
  const viewer = dashboardViewer(requirePermission(event, 'dashboard:read'))
  return withTenant(event, scope => listDashboards(scope, viewer))
})
