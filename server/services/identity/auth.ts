import type { H3Event } from 'h3'
import { eq } from 'drizzle-orm'
import { users } from '#drizzle/schema'
import type { LoginInput, SessionUser } from '#shared/auth'
import { endImpersonationHere } from './impersonation'
import { createMfaChallenge } from './mfa'
import { assertPasswordSignInAllowed } from './sso'

const INVALID = () => apiError(401, 'INVALID_CREDENTIALS', 'Email or password is incorrect')

export type SignedIn = { token: string, sessionId: string, user: SessionUser }
export type SignInOutcome = SignedIn | { mfaRequired: true, challenge: string }

/**
 * Signs a user of this host's tenant in. A wrong password, an unknown email and a deactivated
 * account answer alike, after the same scrypt work, and each failure is audited.
 */
export async function signIn(event: H3Event, input: LoginInput): Promise<SignInOutcome> {
  const tenant = requireTenant(event)
  await assertLoginAllowed(event, tenant.id, input.email)
  const [user] = await runInTenant(tenant.id, scope => scope.tx.select().from(users)
    .where(scope.where(users, eq(users.email, input.email))).limit(1))

  const ok = user?.passwordHash
    ? await verifyPassword(input.password, user.passwordHash)
    : await verifyAgainstDummy(input.password)

  if (!user || !ok || user.status !== 'active') {
    await runInTenant(tenant.id, scope => writeAudit(event, scope, {
      action: 'auth.sign_in_failed',
      entityType: 'user',
      entityId: user?.id,
      after: { email: input.email, reason: !user ? 'unknown_email' : !ok ? 'wrong_password' : 'inactive' },
      actor: { type: 'anonymous' },
    }))
    await noteLoginFailure(event, tenant.id, input.email)
    throw INVALID()
  }

  // The password was right. Where SSO is required, only the break-glass admin may use it.
  await assertPasswordSignInAllowed(tenant.id, user.id)
  // With two-factor on, a second step stands between the password and a session.
  if (user.totpEnabledAt) return { mfaRequired: true, challenge: await createMfaChallenge(tenant.id, user.id) }
  await noteLoginSuccess(tenant.id, input.email)
  return startSignedInSession(event, user.id)
}

/** Opens a session for a user who has proven who they are (password, second factor, or SSO); audited. */
export async function startSignedInSession(event: H3Event, userId: string, how?: Record<string, unknown>): Promise<SignedIn> {
  const tenant = requireTenant(event)
  const session = await runInTenant(tenant.id, async (scope) => {
    const created = await createSession(event, scope, userId)
    await scope.tx.update(users).set({ lastActiveAt: new Date() }).where(scope.where(users, eq(users.id, userId)))
    await writeAudit(event, scope, { action: 'auth.signed_in', entityType: 'session', entityId: created.sessionId, after: how ?? null, actor: { type: 'user', id: userId } })
    return created
  })
  const principal = await principalForToken(tenant, session.token)
  if (!principal) throw INVALID()
  return { ...session, user: sessionUser(principal, tenant) }
}

/** Ends this request's session, if any; audited. Signing out of an impersonation ends the impersonation. */
export async function signOut(event: H3Event): Promise<void> {
  const principal = event.context.principal
  if (principal?.kind !== 'user') return
  if (principal.impersonation) {
    await endImpersonationHere(event, 'sign_out')
    return
  }
  await runInTenant(principal.tenantId, async (scope) => {
    await revokeSession(scope, principal.sessionId)
    await writeAudit(event, scope, { action: 'auth.signed_out', entityType: 'session', entityId: principal.sessionId })
  })
}
