import { eq } from 'drizzle-orm'
import { users } from '#drizzle/schema'
import type { LoginInput } from '#shared/auth'
import type { Principal } from '#server/utils/session'
import type { SignInRequest } from '#server/utils/sign-in'
import type { TenantScope } from '#server/utils/tenant-db'
import { endImpersonationHere } from './impersonation'
import { createMfaChallenge } from './mfa'
import type { SignedIn } from './session-start'
import { startSignedInSession } from './session-start'
import { assertPasswordSignInAllowed } from './sso'

export type { SignedIn } from './session-start'
export type SignInOutcome = SignedIn | { mfaRequired: true, challenge: string }

/**
 * Signs a user of this host's tenant in. A wrong password, an unknown email and a deactivated
 * account answer alike, after the same scrypt work, and each failure is audited; the caller counts
 * a `refused` attempt against its brute-force limits (they key on the request's IP) and answers
 * 401 (`invalidCredentials`).
 *
 * Several short transactions, not one: the password's scrypt work runs outside any (no pooled
 * connection held while it hashes), and the audit entry of a failed attempt must commit although
 * the attempt is refused.
 */
export async function signIn(request: SignInRequest, input: LoginInput): Promise<SignInOutcome | { refused: true }> {
  const tenant = request.tenant
  const [user] = await runInTenant(tenant.id, scope => scope.tx.select().from(users)
    .where(scope.where(users, eq(users.email, input.email))).limit(1), request)

  const ok = user?.passwordHash
    ? await verifyPassword(input.password, user.passwordHash)
    : await verifyAgainstDummy(input.password)

  if (!user || !ok || user.status !== 'active') {
    await runInTenant(tenant.id, scope => scope.audit({
      action: 'auth.sign_in_failed',
      entityType: 'user',
      entityId: user?.id,
      after: { email: input.email, reason: !user ? 'unknown_email' : !ok ? 'wrong_password' : 'inactive' },
      actor: { type: 'anonymous' },
    }), request)
    return { refused: true }
  }

  // The password was right. Where SSO is required, only the break-glass admin may use it.
  await assertPasswordSignInAllowed(tenant.id, user.id)
  // With two-factor on, a second step stands between the password and a session.
  if (user.totpEnabledAt) return { mfaRequired: true, challenge: await createMfaChallenge(tenant.id, user.id) }
  await noteLoginSuccess(tenant.id, input.email)
  return startSignedInSession(request, user.id)
}

/** Ends the signed-in user's session; audited. Signing out of an impersonation ends the impersonation. */
export async function signOut(scope: TenantScope, principal: Principal): Promise<void> {
  if (principal.impersonation) {
    await endImpersonationHere(scope, principal, 'sign_out')
    return
  }
  await revokeSession(scope, principal.sessionId)
  await scope.audit({ action: 'auth.signed_out', entityType: 'session', entityId: principal.sessionId })
}
