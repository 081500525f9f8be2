import type { H3Event } from 'h3'
import { eq } from 'drizzle-orm'
import { users } from '../../drizzle/schema'
import type { LoginInput, SessionUser } from '../../shared/auth'

const INVALID = () => apiError(401, 'INVALID_CREDENTIALS', 'Email or password is incorrect')

/**
 * Signs a user of this host's tenant in. A wrong password, an unknown email and a deactivated
 * account answer alike, after the same scrypt work, and each failure is audited.
 */
export async function signIn(event: H3Event, input: LoginInput): Promise<{ token: string, sessionId: string, user: SessionUser }> {
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

  await noteLoginSuccess(tenant.id, input.email)
  const session = await runInTenant(tenant.id, async (scope) => {
    const created = await createSession(event, scope, user.id)
    await scope.tx.update(users).set({ lastActiveAt: new Date() }).where(scope.where(users, eq(users.id, user.id)))
    await writeAudit(event, scope, { action: 'auth.signed_in', entityType: 'session', entityId: created.sessionId, actor: { type: 'user', id: user.id } })
    return created
  })
  const principal = await principalForToken(tenant, session.token)
  if (!principal) throw INVALID()
  return { ...session, user: sessionUser(principal) }
}

/** Ends this request's session, if any; audited. */
export async function signOut(event: H3Event): Promise<void> {
  const principal = event.context.principal
  if (principal?.kind !== 'user') return
  await runInTenant(principal.tenantId, async (scope) => {
    await revokeSession(scope, principal.sessionId)
    await writeAudit(event, scope, { action: 'auth.signed_out', entityType: 'session', entityId: principal.sessionId })
  })
}
