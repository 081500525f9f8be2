import { and, eq, isNull } from 'drizzle-orm'
import QRCode from 'qrcode'
import { platformAdmins } from '#drizzle/schema'
import type { SessionUser } from '#shared/auth'
import type { MfaStatus } from '#shared/schemas/mfa'
import { endMfaChallenge, failMfaChallenge, loadMfaChallenge } from '#server/services/identity/mfa'
import type { RequestFacts } from '#server/utils/audit'
import type { PlatformPrincipal } from '#server/utils/platform-session'
import type { PlatformSignInRequest } from '#server/utils/sign-in'
import { openPlatformSession } from './auth'

// Two-factor for platform super admins: always required. They enrol right after their first
// sign-in and reach nothing else before; there is no turning it off and, for now, no recovery
// codes (another super admin, or the database owner, resets a lost device).

const CHALLENGE_SCOPE = 'platform'

async function adminRow(id: string) {
  const db = await useDb()
  const [row] = await db.select().from(platformAdmins).where(eq(platformAdmins.id, id)).limit(1)
  if (!row) throw notFound()
  return row
}

/** The signed-in super admin's two-factor status (always required). */
export async function platformMfaStatus(adminId: string): Promise<MfaStatus> {
  const admin = await adminRow(adminId)
  return { enabled: !!admin.totpEnabledAt, enabledAt: admin.totpEnabledAt?.toISOString() ?? null, recoveryCodesLeft: 0, required: true }
}

/** Enrolment, step 1: a fresh secret for the authenticator app, named after the platform. */
export async function startPlatformEnrolment(request: RequestFacts, principal: PlatformPrincipal, issuer: string) {
  if (principal.mfaEnabled) throw apiError(409, 'CONFLICT', 'Two-factor sign-in is already on')
  const secret = newTotpSecret()
  const db = await useDb()
  await db.update(platformAdmins).set({ totpSecretEnc: sealSecret(secret) }).where(eq(platformAdmins.id, principal.id))
  await appendPlatformAudit(db, request, { action: 'auth.mfa_setup_started', entityType: 'platform_admin', entityId: principal.id })
  const uri = totpUri(secret, principal.email, issuer)
  return { secret, uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' }) }
}

/** Enrolment, step 2: a code from the app turns two-factor on. */
export async function enablePlatformMfa(request: RequestFacts, principal: PlatformPrincipal, code: string): Promise<{ recoveryCodes: string[] }> {
  const admin = await adminRow(principal.id)
  if (admin.totpEnabledAt) throw apiError(409, 'CONFLICT', 'Two-factor sign-in is already on')
  if (!admin.totpSecretEnc) throw apiError(409, 'CONFLICT', 'Start the set-up first')
  const verdict = acceptTotp(openSecret(admin.totpSecretEnc), code, null)
  if ('error' in verdict) throw apiError(400, 'MFA_INVALID', 'That code did not match; check the time on your device and try the newest code', [{ path: 'code', message: 'did not match' }])
  const db = await useDb()
  await db.update(platformAdmins).set({ totpEnabledAt: new Date(), totpLastStep: verdict.step }).where(eq(platformAdmins.id, principal.id))
  await appendPlatformAudit(db, request, { action: 'auth.mfa_enabled', entityType: 'platform_admin', entityId: principal.id })
  await forgetPlatformAdminPrincipals(principal.id)
  return { recoveryCodes: [] }
}

/** The second sign-in step for a super admin. */
export async function completePlatformMfa(request: PlatformSignInRequest, input: { challenge: string, code?: string }): Promise<{ token: string, sessionId: string, user: SessionUser }> {
  const challenge = await loadMfaChallenge(input.challenge, CHALLENGE_SCOPE)
  const admin = await adminRow(challenge.userId)
  const verdict = admin.status === 'active' && admin.totpSecretEnc ? acceptTotp(openSecret(admin.totpSecretEnc), input.code ?? '', admin.totpLastStep) : { error: 'invalid' as const }
  const db = await useDb()
  const claimed = 'step' in verdict && (await db.update(platformAdmins).set({ totpLastStep: verdict.step })
    .where(and(eq(platformAdmins.id, admin.id), admin.totpLastStep === null ? isNull(platformAdmins.totpLastStep) : eq(platformAdmins.totpLastStep, admin.totpLastStep)))
    .returning({ id: platformAdmins.id })).length > 0
  if (!claimed) {
    const replayed = 'error' in verdict ? verdict.error === 'replayed' : true
    await appendPlatformAudit(db, request, { action: 'auth.mfa_failed', entityType: 'platform_admin', entityId: admin.id, after: { reason: replayed ? 'code_replayed' : 'code_invalid' }, actor: { type: 'anonymous' } })
    return failMfaChallenge(input.challenge, challenge, replayed ? 'That code was already used; wait for the next one' : 'That code did not match')
  }
  await endMfaChallenge(input.challenge)
  await noteLoginSuccess(CHALLENGE_SCOPE, admin.email)
  return openPlatformSession(request, admin.id, { mfa: 'totp' })
}
