import type { WebhookCreate } from '#shared/schemas/webhooks'
import { createEndpoint } from '#server/services/webhooks/endpoints'

// A new endpoint; its URL passes the outbound guard, and the signing secret is in the answer.
export default defineEventHandler(async (event) => {
  const request = await v1Input<unknown, unknown, WebhookCreate>(event, 'POST /webhooks')
  const { actor } = request
  const created = await withTenant(event, scope => createEndpoint(scope, actor.kind === 'api_key' ? actor.userId : actor.id, request.body))
  return v1Answer(event, request, created)
})
