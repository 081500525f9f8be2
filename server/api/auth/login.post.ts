import type { H3Event } from 'h3'
import type { LoginInput } from '#shared/auth'
import { loginSchema } from '#shared/auth'
import { signIn } from '#server/services/identity/auth'
import type { SignInOutcome } from '#server/services/identity/auth'
import { invalidCredentials } from '#server/services/identity/session-start'
import { signInPlatformAdmin } from '#server/services/platform/auth'

// Public: signs in with email and password — a user of this host's tenant, or a super admin on
// the platform domain. The secret goes only into the HttpOnly cookie; the body's `token` is the
// session's public id, all nuxt-auth needs to hold. With two-factor on, the answer is instead
// `{ mfaRequired, challenge }` and POST /api/auth/login-mfa finishes the sign-in.
export default defineEventHandler(async (event) => {
  const site = requireSite(event)
  const input = await parseBody(event, loginSchema)
  const outcome = site.kind === 'platform' ? await signInPlatformAdmin(event, input) : await signInToTenant(event, input)
  if ('mfaRequired' in outcome) return outcome
  setSessionCookie(event, outcome.token, site.kind === 'platform' ? PLATFORM_SESSION_MAX_HOURS * 3600 : undefined)
  return { token: outcome.sessionId, user: outcome.user }
})

/** The brute-force limits count by the request's IP (and the account), so they wrap the service here. */
async function signInToTenant(event: H3Event, input: LoginInput): Promise<SignInOutcome> {
  const tenant = requireTenant(event)
  await assertLoginAllowed(event, tenant.id, input.email)
  const outcome = await signIn(signInRequest(event), input)
  if ('refused' in outcome) {
    await noteLoginFailure(event, tenant.id, input.email)
    throw invalidCredentials()
  }
  return outcome
}
