import { tenantParamsSchema } from '#shared/schemas/platform'
import { impersonationStartSchema } from '#shared/schemas/impersonation'
import { startImpersonation } from '#server/services/identity/impersonation'

// A super admin (a person with two-factor, never the operations token) enters a tenant as one of
// its active members, for a while and for a stated reason; the answer's link opens the session.
export default defineEventHandler(async (event) => {
  const admin = requirePlatformAdmin(event)
  const { slug } = await parseParams(event, tenantParamsSchema)
  const input = await parseBody(event, impersonationStartSchema)
  const started = await withPlatform(event, scope => startImpersonation(scope, admin, slug, input, requestOrigin(event)))
  setResponseStatus(event, 201)
  return started
})
