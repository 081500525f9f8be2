import { ssoTestSchema } from '#shared/schemas/sso'
import { testSsoConnection } from '#server/services/identity/sso'

// "Test connection": checks the issuer's discovery document and explains any problem.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  const input = await parseBody(event, ssoTestSchema)
  return withTenant(event, scope => testSsoConnection(scope, input))
})
