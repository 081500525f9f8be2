import { receiverParamsSchema } from '#shared/schemas/webhooks'
import { getReceiver } from '#server/services/webhooks/receivers'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'webhooks:admin')
  const { id } = await parseParams(event, receiverParamsSchema)
  return withTenant(event, scope => getReceiver(scope, id))
})
