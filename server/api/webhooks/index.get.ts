import { listEndpoints } from '#server/services/webhooks/endpoints'

// The workspace's webhook endpoints, with their last day's deliveries by outcome.
export default defineEventHandler((event) => {
  requirePermission(event, 'webhooks:admin')
  return withTenant(event, scope => listEndpoints(scope))
})
