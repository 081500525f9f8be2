import type { H3Event } from 'h3'
import { eq } from 'drizzle-orm'
import { platformAdmins } from '#drizzle/schema'
import type { LoginInput, SessionUser } from '#shared/auth'
import { createMfaChallenge } from '#server/services/identity/mfa'

/** Brute-force counters for super admins live apart from every tenant's. */
const LIMIT_SCOPE = 'platform'
const INVALID = () => apiError(401, 'INVALID_CREDENTIALS', 'Email or password is incorrect')

/**
 * Signs a platform super admin in on the platform domain. Failures answer exactly like tenant
 * sign-in (same status, body and scrypt work) and go to the platform audit log.
 */
type Opened = { token: string, sessionId: string, user: SessionUser }

export async function signInPlatformAdmin(event: H3Event, input: LoginInput): Promise<Opened | { mfaRequired: true, challenge: string }> {
  await assertLoginAllowed(event, LIMIT_SCOPE, input.email)
  const db = await useDb()
  const [admin] = await db.select().from(platformAdmins).where(eq(platformAdmins.email, input.email)).limit(1)
  const ok = admin ? await verifyPassword(input.password, admin.passwordHash) : await verifyAgainstDummy(input.password)

  if (!admin || !ok || admin.status !== 'active') {
    await writePlatformAudit(event, {
      action: 'auth.sign_in_failed',
      entityType: 'platform_admin',
      entityId: admin?.id,
      after: { email: input.email, reason: !admin ? 'unknown_email' : !ok ? 'wrong_password' : 'inactive' },
      actor: { type: 'anonymous' },
    })
    await noteLoginFailure(event, LIMIT_SCOPE, input.email)
    throw INVALID()
  }

  // With two-factor on, the code is the second step; without it, the session may only enrol.
  if (admin.totpEnabledAt) return { mfaRequired: true, challenge: await createMfaChallenge(LIMIT_SCOPE, admin.id) }
  await noteLoginSuccess(LIMIT_SCOPE, input.email)
  return openPlatformSession(event, admin.id)
}

/** Opens a super admin session once they have proven who they are; audited. */
export async function openPlatformSession(event: H3Event, adminId: string, how?: Record<string, unknown>): Promise<Opened> {
  const session = await createPlatformSession(event, adminId)
  await writePlatformAudit(event, { action: 'auth.signed_in', entityType: 'platform_session', entityId: session.sessionId, after: how ?? null, actor: { type: 'platform_admin', id: adminId } })
  const principal = await platformPrincipalForToken(session.token)
  if (!principal) throw INVALID()
  return { ...session, user: platformSessionUser(principal) }
}

/** Ends this request's super admin session, if any; audited. */
export async function signOutPlatformAdmin(event: H3Event): Promise<void> {
  const principal = event.context.platformAdmin
  if (!principal) return
  await revokePlatformSession(principal.sessionId)
  await writePlatformAudit(event, { action: 'auth.signed_out', entityType: 'platform_session', entityId: principal.sessionId })
}
