import { impersonationParamsSchema } from '#shared/schemas/impersonation'
import { endImpersonationRemotely } from '#server/services/identity/impersonation'

// A super admin ends an impersonation from the console; its tenant session stops at once.
export default defineEventHandler(async (event) => {
  requirePlatformAdmin(event)
  const { id } = await parseParams(event, impersonationParamsSchema)
  return withPlatform(event, scope => endImpersonationRemotely(scope, id))
})
