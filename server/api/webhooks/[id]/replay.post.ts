import { webhookParamsSchema, webhookReplaySchema } from '#shared/schemas/webhooks'
import { replayFailedSince } from '#server/services/webhooks/deliveries'

// Sends again every failed delivery since a moment.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'webhooks:admin')
  const { id } = await parseParams(event, webhookParamsSchema)
  const { since } = await parseBody(event, webhookReplaySchema)
  setResponseStatus(event, 202)
  return withTenant(event, scope => replayFailedSince(scope, id, since))
})
