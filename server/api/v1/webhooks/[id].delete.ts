import { deleteEndpoint } from '#server/services/webhooks/endpoints'

export default defineEventHandler(async (event) => {
  const request = await v1Input<{ id: string }>(event, 'DELETE /webhooks/{id}')
  await withTenant(event, scope => deleteEndpoint(scope, request.params.id))
  return v1Answer(event, request, null)
})
