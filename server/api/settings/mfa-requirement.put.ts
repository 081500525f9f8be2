import { mfaRequirementSchema } from '#shared/schemas/mfa'
import { setMfaRequirement } from '#server/services/identity/mfa'

// Admins require two-factor for every member (or stop requiring it).
export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  const { required } = await parseBody(event, mfaRequirementSchema)
  return setMfaRequirement(event, required)
})
