import { getEndpoint } from '#server/services/webhooks/endpoints'

export default defineEventHandler(async (event) => {
  const request = await v1Input<{ id: string }>(event, 'GET /webhooks/{id}')
  return v1Answer(event, request, await withTenant(event, scope => getEndpoint(scope, request.params.id)))
})
