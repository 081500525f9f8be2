import { webhookParamsSchema } from '#shared/schemas/webhooks'
import { sendTestEvent } from '#server/services/webhooks/endpoints'

// Sends this endpoint a `webhook.test` event, whatever it subscribes to.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'webhooks:admin')
  const { id } = await parseParams(event, webhookParamsSchema)
  const queued = await withTenant(event, scope => sendTestEvent(scope, id))
  setResponseStatus(event, 202)
  return queued
})
