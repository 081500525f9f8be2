import { listReceivers } from '#server/services/webhooks/receivers'

// The workspace's incoming webhook addresses.
export default defineEventHandler((event) => {
  requirePermission(event, 'webhooks:admin')
  return withTenant(event, scope => listReceivers(scope))
})
