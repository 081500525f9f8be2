import { webhookCreateSchema } from '#shared/schemas/webhooks'
import { createEndpoint } from '#server/services/webhooks/endpoints'

// A new endpoint; the URL passes the outbound guard now, and the signing secret is in the answer.
export default defineEventHandler(async (event) => {
  const actor = requirePermission(event, 'webhooks:admin')
  const input = await parseBody(event, webhookCreateSchema)
  const created = await withTenant(event, scope => createEndpoint(scope, actor.kind === 'api_key' ? actor.userId : actor.id, input))
  setResponseStatus(event, 201)
  return created
})
