import { webhookParamsSchema } from '#shared/schemas/webhooks'
import { getEndpoint } from '#server/services/webhooks/endpoints'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'webhooks:admin')
  const { id } = await parseParams(event, webhookParamsSchema)
  return withTenant(event, scope => getEndpoint(scope, id))
})
