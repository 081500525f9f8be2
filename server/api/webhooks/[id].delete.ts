import { webhookParamsSchema } from '#shared/schemas/webhooks'
import { deleteEndpoint } from '#server/services/webhooks/endpoints'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'webhooks:admin')
  const { id } = await parseParams(event, webhookParamsSchema)
  await withTenant(event, scope => deleteEndpoint(scope, id))
  setResponseStatus(event, 204)
  return null
})
