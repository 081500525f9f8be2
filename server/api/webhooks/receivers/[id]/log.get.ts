import { receiverLogQuerySchema, receiverParamsSchema } from '#shared/schemas/webhooks'
import { receiverLog } from '#server/services/webhooks/receivers'

// What this receiver was sent, accepted or refused, newest first.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'webhooks:admin')
  const { id } = await parseParams(event, receiverParamsSchema)
  const query = await parseQuery(event, receiverLogQuerySchema)
  return withTenant(event, scope => receiverLog(scope, id, query))
})
