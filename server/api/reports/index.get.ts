import { listReports } from '#server/services/reports/reports'

// The reports the person may open: their own, those shared with their role, and the workspace's.
export default defineEventHandler((event) => {
  requirePermission(event, 'reports:read')
  const user = reportUser(event)
  return withTenant(event, scope => listReports(scope, user))
})
