import { eq } from 'drizzle-orm'
import { platformAdmins } from '#drizzle/schema'
import type { LoginInput, SessionUser } from '#shared/auth'
import { createMfaChallenge } from '#server/services/identity/mfa'
import { invalidCredentials } from '#server/services/identity/session-start'
import type { PlatformPrincipal } from '#server/utils/platform-session'
import type { RequestFacts } from '#server/utils/audit'
import type { PlatformSignInRequest } from '#server/utils/sign-in'

/** Brute-force counters for super admins live apart from every tenant's. */
export const PLATFORM_LIMIT_SCOPE = 'platform'

type Opened = { token: string, sessionId: string, user: SessionUser }

/**
 * Signs a platform super admin in on the platform domain. A refusal (`{ refused: true }`) is
 * audited in the platform log; the handler counts it against the brute-force limits and answers
 * exactly like a tenant's refused sign-in (same status, body and scrypt work).
 */
export async function signInPlatformAdmin(request: PlatformSignInRequest, input: LoginInput): Promise<Opened | { mfaRequired: true, challenge: string } | { refused: true }> {
  const db = await useDb()
  const [admin] = await db.select().from(platformAdmins).where(eq(platformAdmins.email, input.email)).limit(1)
  const ok = admin ? await verifyPassword(input.password, admin.passwordHash) : await verifyAgainstDummy(input.password)

  if (!admin || !ok || admin.status !== 'active') {
    await appendPlatformAudit(db, request, {
      action: 'auth.sign_in_failed',
      entityType: 'platform_admin',
      entityId: admin?.id,
      after: { email: input.email, reason: !admin ? 'unknown_email' : !ok ? 'wrong_password' : 'inactive' },
      actor: { type: 'anonymous' },
    })
    return { refused: true }
  }

  // With two-factor on, the code is the second step; without it, the session may only enrol.
  if (admin.totpEnabledAt) return { mfaRequired: true, challenge: await createMfaChallenge(PLATFORM_LIMIT_SCOPE, admin.id) }
  await noteLoginSuccess(PLATFORM_LIMIT_SCOPE, input.email)
  return openPlatformSession(request, admin.id)
}

/** Opens a super admin session once they have proven who they are; audited. */
export async function openPlatformSession(request: PlatformSignInRequest, adminId: string, how?: Record<string, unknown>): Promise<Opened> {
  const session = await createPlatformSession(request, adminId)
  await appendPlatformAudit(await useDb(), request, { action: 'auth.signed_in', entityType: 'platform_session', entityId: session.sessionId, after: how ?? null, actor: { type: 'platform_admin', id: adminId } })
  const principal = await platformPrincipalForToken(session.token)
  if (!principal) throw invalidCredentials()
  return { ...session, user: platformSessionUser(principal) }
}

/** Ends a super admin's session; audited. */
export async function signOutPlatformAdmin(request: RequestFacts, principal: PlatformPrincipal): Promise<void> {
  await revokePlatformSession(principal.sessionId)
  await appendPlatformAudit(await useDb(), request, { action: 'auth.signed_out', entityType: 'platform_session', entityId: principal.sessionId })
}
