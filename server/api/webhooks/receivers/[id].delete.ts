import { receiverParamsSchema } from '#shared/schemas/webhooks'
import { deleteReceiver } from '#server/services/webhooks/receivers'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'webhooks:admin')
  const { id } = await parseParams(event, receiverParamsSchema)
  await withTenant(event, scope => deleteReceiver(scope, id))
  setResponseStatus(event, 204)
  return null
})
