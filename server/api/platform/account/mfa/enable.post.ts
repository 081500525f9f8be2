import { mfaEnableSchema } from '#shared/schemas/mfa'
import { enablePlatformMfa } from '#server/services/platform/mfa'

// A super admin's enrolment, step 2: a code from the app turns two-factor on.
export default defineEventHandler(async (event) => {
  const principal = requirePlatformAdmin(event, { enrolling: true })
  const { code } = await parseBody(event, mfaEnableSchema)
  return enablePlatformMfa(requestFacts(event), principal, code)
})
