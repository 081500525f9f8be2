import type { H3Event } from 'h3'
import type { LoginInput } from '#shared/auth'
import { loginSchema } from '#shared/auth'
import { signIn } from '#server/services/identity/auth'
import type { SignInOutcome } from '#server/services/identity/auth'
import { invalidCredentials } from '#server/services/identity/session-start'
import { PLATFORM_LIMIT_SCOPE, signInPlatformAdmin } from '#server/services/platform/auth'

// Public: signs in with email and password — a user of this host's tenant, or a super admin on
// the platform domain. The secret goes only into the HttpOnly cookie; the body's `token` is the
// session's public id, all nuxt-auth needs to hold. With two-factor on, the answer is instead
// `{ mfaRequired, challenge }` and POST /api/auth/login-mfa finishes the sign-in.
export default defineEventHandler(async (event) => {
  const site = requireSite(event)
  const input = await parseBody(event, loginSchema)
  const outcome = await limitedSignIn(event, site.kind === 'platform' ? PLATFORM_LIMIT_SCOPE : requireTenant(event).id, input)
  if ('mfaRequired' in outcome) return outcome
  setSessionCookie(event, outcome.token, site.kind === 'platform' ? PLATFORM_SESSION_MAX_HOURS * 3600 : undefined)
  return { token: outcome.sessionId, user: outcome.user }
})

/**
 * The brute-force limits count by the request's IP and the account (per tenant, or `platform` for
 * super admins), so they wrap the services here; a refusal answers the same on both sides.
 */
async function limitedSignIn(event: H3Event, limitScope: string, input: LoginInput): Promise<SignInOutcome> {
  await assertLoginAllowed(event, limitScope, input.email)
  const outcome = limitScope === PLATFORM_LIMIT_SCOPE ? await signInPlatformAdmin(platformSignInRequest(event), input) : await signIn(signInRequest(event), input)
  if ('refused' in outcome) {
    await noteLoginFailure(event, limitScope, input.email)
    throw invalidCredentials()
  }
  return outcome
}
