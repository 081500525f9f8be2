import { listEndpoints } from '#server/services/webhooks/endpoints'

export default defineEventHandler(async (event) => {
  const request = await v1Input(event, 'GET /webhooks')
  const items = await withTenant(event, scope => listEndpoints(scope))
  return v1Answer(event, request, { items })
})
