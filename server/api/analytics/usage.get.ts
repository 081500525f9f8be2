import { usageQuerySchema } from '#shared/schemas/usage'
import { usageSeries } from '#server/services/workspace/usage'

// One usage metric over 7, 30 or 90 days. Part of the Analytics module.
export default defineEventHandler(async (event) => {
  requireFeature(event, 'analytics')
  requirePermission(event, 'analytics:read')
  const query = await parseQuery(event, usageQuerySchema)
  return withTenant(event, scope => usageSeries(scope, query.metric, query.days))
})
