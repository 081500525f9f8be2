import { apiKeyCreateSchema } from '#shared/schemas/api-keys'
import { createApiKey } from '#server/services/identity/api-keys'

// A new key for the signed-in admin (keys cannot mint keys); the secret is in this answer only.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  const creator = requireUser(event)
  refuseWhileImpersonating(event, 'create an API key (it would outlive the impersonation)')
  const input = await parseBody(event, apiKeyCreateSchema)
  const created = await withTenant(event, scope => createApiKey(scope, creator, input))
  setResponseStatus(event, 201)
  return created
})
