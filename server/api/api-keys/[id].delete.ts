import { apiKeyParamsSchema } from '#shared/schemas/api-keys'
import { revokeApiKey } from '#server/services/identity/api-keys'

// Revokes a key at once, on every instance.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  const { id } = await parseParams(event, apiKeyParamsSchema)
  await withTenant(event, scope => revokeApiKey(scope, id))
  setResponseStatus(event, 204)
  return null
})
