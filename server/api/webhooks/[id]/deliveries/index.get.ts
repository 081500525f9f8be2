import { webhookDeliveriesQuerySchema, webhookParamsSchema } from '#shared/schemas/webhooks'
import { listDeliveries } from '#server/services/webhooks/deliveries'

// The endpoint's delivery log, newest first, a page at a time.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'webhooks:admin')
  const { id } = await parseParams(event, webhookParamsSchema)
  const query = await parseQuery(event, webhookDeliveriesQuerySchema)
  return withTenant(event, scope => listDeliveries(scope, id, query))
})
