import { webhookParamsSchema, webhookUpdateSchema } from '#shared/schemas/webhooks'
import { updateEndpoint } from '#server/services/webhooks/endpoints'

// Changes the URL, events or description, or switches the endpoint on or off.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'webhooks:admin')
  const { id } = await parseParams(event, webhookParamsSchema)
  const patch = await parseBody(event, webhookUpdateSchema)
  return withTenant(event, scope => updateEndpoint(scope, id, patch))
})
