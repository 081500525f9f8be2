import { ssoTestSchema } from '#shared/schemas/sso'
import { testSsoConnection } from '#server/services/identity/sso'

// "Test connection": checks the issuer's discovery document and explains any problem.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  return testSsoConnection(event, await parseBody(event, ssoTestSchema))
})
