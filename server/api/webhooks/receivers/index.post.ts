import { receiverCreateSchema } from '#shared/schemas/webhooks'
import { createReceiver } from '#server/services/webhooks/receivers'

// A new incoming address; its signing secret is in the answer, for the sending system.
export default defineEventHandler(async (event) => {
  const actor = requirePermission(event, 'webhooks:admin')
  const input = await parseBody(event, receiverCreateSchema)
  const created = await withTenant(event, scope => createReceiver(scope, actor.kind === 'api_key' ? actor.userId : actor.id, input))
  setResponseStatus(event, 201)
  return created
})
