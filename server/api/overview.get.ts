import { usageOverview } from '#server/services/workspace/usage'

// Home page figures for the current workspace: KPIs and the last 30 days of usage.
export default defineEventHandler((event) => {
  requirePermission(event, 'dashboard:read')
  return withTenant(event, scope => usageOverview(scope, 30))
})
