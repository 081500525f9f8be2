import { webhookParamsSchema } from '#shared/schemas/webhooks'
import { revealSecret } from '#server/services/webhooks/endpoints'

// The signing secret, to paste into the receiver (audited: a POST, not a cacheable GET).
export default defineEventHandler(async (event) => {
  requirePermission(event, 'webhooks:admin')
  const { id } = await parseParams(event, webhookParamsSchema)
  return withTenant(event, scope => revealSecret(scope, id))
})
