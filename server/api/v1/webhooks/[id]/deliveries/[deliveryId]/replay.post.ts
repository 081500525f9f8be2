import { replayDelivery } from '#server/services/webhooks/deliveries'

export default defineEventHandler(async (event) => {
  const request = await v1Input<{ id: string, deliveryId: string }>(event, 'POST /webhooks/{id}/deliveries/{deliveryId}/replay')
  return v1Answer(event, request, await withTenant(event, scope => replayDelivery(scope, request.params.id, request.params.deliveryId)))
})
