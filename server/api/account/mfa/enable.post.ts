import { mfaEnableSchema } from '#shared/schemas/mfa'
import { enableMfa } from '#server/services/identity/mfa'

// Step 2: a code from the app turns two-factor on; the recovery codes are in this answer only.
export default defineEventHandler(async (event) => {
  const principal = requireUser(event)
  refuseWhileImpersonating(event, 'turn on two-factor sign-in')
  const { code } = await parseBody(event, mfaEnableSchema)
  return withTenant(event, scope => enableMfa(scope, principal, code))
})
