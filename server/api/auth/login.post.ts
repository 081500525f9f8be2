import { loginSchema } from '#shared/auth'
import { signIn } from '#server/services/identity/auth'
import { signInPlatformAdmin } from '#server/services/platform/auth'

// Public: signs in with email and password — a user of this host's tenant, or a super admin on
// the platform domain. The secret goes only into the HttpOnly cookie; the body's `token` is the
// session's public id, all nuxt-auth needs to hold. With two-factor on, the answer is instead
// `{ mfaRequired, challenge }` and POST /api/auth/login-mfa finishes the sign-in.
export default defineEventHandler(async (event) => {
  const site = requireSite(event)
  const input = await parseBody(event, loginSchema)
  const outcome = site.kind === 'platform' ? await signInPlatformAdmin(event, input) : await signIn(event, input)
  if ('mfaRequired' in outcome) return outcome
  setSessionCookie(event, outcome.token, site.kind === 'platform' ? PLATFORM_SESSION_MAX_HOURS * 3600 : undefined)
  return { token: outcome.sessionId, user: outcome.user }
})
