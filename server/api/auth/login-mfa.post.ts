import { mfaLoginSchema } from '#shared/auth'
import { completeMfaChallenge } from '#server/services/identity/mfa'
import { completePlatformMfa } from '#server/services/platform/mfa'

// Public: the second step of a sign-in with two-factor (the challenge from step one is the
// credential), for a tenant's user or, on the platform domain, a super admin.
export default defineEventHandler(async (event) => {
  const site = requireSite(event)
  const input = await parseBody(event, mfaLoginSchema)
  const { token, sessionId, user } = site.kind === 'platform' ? await completePlatformMfa(platformSignInRequest(event), input) : await completeMfaChallenge(signInRequest(event), input)
  setSessionCookie(event, token, site.kind === 'platform' ? PLATFORM_SESSION_MAX_HOURS * 3600 : undefined)
  return { token: sessionId, user }
})
