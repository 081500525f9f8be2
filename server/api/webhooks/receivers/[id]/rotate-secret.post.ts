import { receiverParamsSchema } from '#shared/schemas/webhooks'
import { rotateReceiverSecret } from '#server/services/webhooks/receivers'

// A new secret; the old one stops verifying at once.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'webhooks:admin')
  const { id } = await parseParams(event, receiverParamsSchema)
  return withTenant(event, scope => rotateReceiverSecret(scope, id))
})
