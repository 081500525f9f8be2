import { webhookDeliveryParamsSchema } from '#shared/schemas/webhooks'
import { replayDelivery } from '#server/services/webhooks/deliveries'

// Sends one delivery again now, under the same event id.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'webhooks:admin')
  const { id, deliveryId } = await parseParams(event, webhookDeliveryParamsSchema)
  setResponseStatus(event, 202)
  return withTenant(event, scope => replayDelivery(scope, id, deliveryId))
})
