import { mfaRequirementSchema } from '#shared/schemas/mfa'
import { setMfaRequirement } from '#server/services/identity/mfa'

// Admins require two-factor for every member (or stop requiring it).
export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  const { required } = await parseBody(event, mfaRequirementSchema)
  const principal = requireUser(event)
  const saved = await withTenant(event, scope => setMfaRequirement(scope, principal, required))
  await invalidateTenant(requireTenant(event).id) // after the commit
  return saved
})
