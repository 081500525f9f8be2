import { eq } from 'drizzle-orm'
import { users } from '#drizzle/schema'
import type { SessionUser } from '#shared/auth'
import type { SignInRequest } from '#server/utils/sign-in'

// The last step every sign-in shares (password, second factor, SSO): a session for a person who has
// proven who they are. On its own so that auth, mfa and sso all use it without importing each other;
// the handler sets the cookie from the token returned.

export type SignedIn = { token: string, sessionId: string, user: SessionUser }

/** The one answer to a failed password sign-in, whatever failed (no hint for an attacker). */
export const invalidCredentials = () => apiError(401, 'INVALID_CREDENTIALS', 'Email or password is incorrect')

/** Opens a session for a user who has proven who they are (password, second factor, or SSO); audited. */
export async function startSignedInSession(request: SignInRequest, userId: string, how?: Record<string, unknown>): Promise<SignedIn> {
  const tenant = request.tenant
  const session = await runInTenant(tenant.id, async (scope) => {
    const created = await openSession(scope, userId, request.userAgent)
    await scope.tx.update(users).set({ lastActiveAt: new Date() }).where(scope.where(users, eq(users.id, userId)))
    await scope.audit({ action: 'auth.signed_in', entityType: 'session', entityId: created.sessionId, after: how ?? null, actor: { type: 'user', id: userId } })
    return created
  }, request)
  // After the commit: the principal is read (and cached) from the committed session.
  const principal = await principalForToken(tenant, session.token)
  if (!principal) throw invalidCredentials()
  return { ...session, user: sessionUser(principal, tenant) }
}
