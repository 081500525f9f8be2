import { webhookParamsSchema } from '#shared/schemas/webhooks'
import { rotateSecret } from '#server/services/webhooks/endpoints'

// A new signing secret; the old one signs beside it for 24 hours.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'webhooks:admin')
  const { id } = await parseParams(event, webhookParamsSchema)
  return withTenant(event, scope => rotateSecret(scope, id))
})
