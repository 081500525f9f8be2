import type { WebhookUpdate } from '#shared/schemas/webhooks'
import { updateEndpoint } from '#server/services/webhooks/endpoints'

export default defineEventHandler(async (event) => {
  const request = await v1Input<{ id: string }, unknown, WebhookUpdate>(event, 'PATCH /webhooks/{id}')
  return v1Answer(event, request, await withTenant(event, scope => updateEndpoint(scope, request.params.id, request.body)))
})
