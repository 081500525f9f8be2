import { receiverParamsSchema, receiverUpdateSchema } from '#shared/schemas/webhooks'
import { updateReceiver } from '#server/services/webhooks/receivers'

// Renames a receiver, or switches it off (its address then answers 404).
export default defineEventHandler(async (event) => {
  requirePermission(event, 'webhooks:admin')
  const { id } = await parseParams(event, receiverParamsSchema)
  const patch = await parseBody(event, receiverUpdateSchema)
  return withTenant(event, scope => updateReceiver(scope, id, patch))
})
