import { webhookDeliveryParamsSchema } from '#shared/schemas/webhooks'
import { getDelivery } from '#server/services/webhooks/deliveries'

// One delivery with each attempt's request and response.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'webhooks:admin')
  const { id, deliveryId } = await parseParams(event, webhookDeliveryParamsSchema)
  return withTenant(event, scope => getDelivery(scope, id, deliveryId))
})
