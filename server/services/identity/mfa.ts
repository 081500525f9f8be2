import { createHash, randomBytes } from 'node:crypto'
import { count, eq, isNull } from 'drizzle-orm'
import QRCode from 'qrcode'
import { recoveryCodes, tenants, users } from '#drizzle/schema'
import type { Principal } from '#server/utils/session'
import type { SignInRequest } from '#server/utils/sign-in'
import type { TenantScope } from '#server/utils/tenant-db'
import type { SignedIn } from './session-start'
import { startSignedInSession } from './session-start'

// Two-factor sign-in for tenant users: TOTP with single-use recovery codes.

const RECOVERY_CODE_COUNT = 10
const CHALLENGE_TTL_SECONDS = 300
const CHALLENGE_MAX_ATTEMPTS = 5

/** `abcd-efgh-jk`: 50 random bits, easy to read out and type. */
function newRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  const bytes = randomBytes(10)
  const chars = [...bytes].map(b => alphabet[b % alphabet.length]).join('')
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`
}
const recoveryHash = (code: string) => createHash('sha256').update(code.trim().toLowerCase()).digest('base64url')

async function userRow(scope: TenantScope, userId: string) {
  const [user] = await scope.tx.select().from(users).where(scope.where(users, eq(users.id, userId))).limit(1)
  if (!user) throw notFound('No such member')
  return user
}

/** Whether the signed-in user has two-factor on, how many recovery codes remain, and whether the workspace requires it. */
export async function mfaStatus(scope: TenantScope, principal: Principal) {
  const user = await userRow(scope, principal.id)
  const [left] = await scope.tx.select({ n: count() }).from(recoveryCodes)
    .where(scope.where(recoveryCodes, eq(recoveryCodes.userId, principal.id), isNull(recoveryCodes.usedAt)))
  return { enabled: !!user.totpEnabledAt, enabledAt: user.totpEnabledAt?.toISOString() ?? null, recoveryCodesLeft: user.totpEnabledAt ? left?.n ?? 0 : 0, required: scope.tenant.requireMfa }
}

/** Step 1 of enrolment: a new secret (kept sealed, not yet live) and the QR code to scan. */
export async function startEnrolment(scope: TenantScope, principal: Principal) {
  const secret = newTotpSecret()
  const user = await userRow(scope, principal.id)
  if (user.totpEnabledAt) throw apiError(409, 'CONFLICT', 'Two-factor sign-in is already on; turn it off first to enrol a new device')
  await scope.tx.update(users).set({ totpSecretEnc: sealSecret(secret) }).where(scope.where(users, eq(users.id, principal.id)))
  await scope.audit({ action: 'auth.mfa_setup_started', entityType: 'user', entityId: principal.id })
  const uri = totpUri(secret, principal.email, scope.tenant.name)
  return { secret, uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' }) }
}

/** Step 2: a code from the app proves the device works; two-factor goes live, with recovery codes shown once. */
export async function enableMfa(scope: TenantScope, principal: Principal, code: string): Promise<{ recoveryCodes: string[] }> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode)
  const user = await userRow(scope, principal.id)
  if (user.totpEnabledAt) throw apiError(409, 'CONFLICT', 'Two-factor sign-in is already on')
  if (!user.totpSecretEnc) throw apiError(409, 'CONFLICT', 'Start the set-up first')
  const verdict = acceptTotp(openSecret(user.totpSecretEnc), code, null)
  if ('error' in verdict) throw apiError(400, 'MFA_INVALID', 'That code did not match; check the time on your device and try the newest code', [{ path: 'code', message: 'did not match' }])
  await scope.tx.update(users).set({ totpEnabledAt: new Date(), totpLastStep: verdict.step }).where(scope.where(users, eq(users.id, principal.id)))
  await scope.tx.delete(recoveryCodes).where(scope.where(recoveryCodes, eq(recoveryCodes.userId, principal.id)))
  await scope.tx.insert(recoveryCodes).values(scope.values(recoveryCodes, codes.map(c => ({ userId: principal.id, codeHash: recoveryHash(c) }))))
  await scope.audit({ action: 'auth.mfa_enabled', entityType: 'user', entityId: principal.id })
  await forgetPrincipalsOf(scope, { userId: principal.id })
  return { recoveryCodes: codes }
}

/** Turns two-factor off after the password is confirmed; refused where the workspace requires it. */
export async function disableMfa(scope: TenantScope, principal: Principal, password: string): Promise<void> {
  if (scope.tenant.requireMfa) throw apiError(409, 'CONFLICT', 'This workspace requires two-factor sign-in for everyone')
  const user = await userRow(scope, principal.id)
  if (!user.passwordHash || !await verifyPassword(password, user.passwordHash)) {
    throw apiError(400, 'VALIDATION_FAILED', 'Invalid body: password is not your current password', [{ path: 'password', message: 'is not your current password' }])
  }
  if (!user.totpEnabledAt) return
  await scope.tx.update(users).set({ totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null }).where(scope.where(users, eq(users.id, principal.id)))
  await scope.tx.delete(recoveryCodes).where(scope.where(recoveryCodes, eq(recoveryCodes.userId, principal.id)))
  await scope.audit({ action: 'auth.mfa_disabled', entityType: 'user', entityId: principal.id })
  await forgetPrincipalsOf(scope, { userId: principal.id })
}

/**
 * Admins require (or stop requiring) two-factor for every member; they must have it on themselves
 * first. The caller invalidates the cached tenant once this has committed.
 */
export async function setMfaRequirement(scope: TenantScope, principal: Principal, required: boolean): Promise<{ required: boolean }> {
  const tenant = scope.tenant
  if (required && !principal.mfaEnabled) throw apiError(409, 'CONFLICT', 'Turn on two-factor sign-in for your own account first, so you are not locked out')
  await scope.tx.update(tenants).set({ requireMfa: required }).where(eq(tenants.id, tenant.id))
  await scope.audit({ action: 'settings.mfa_requirement_updated', entityType: 'tenant', entityId: tenant.id, before: { required: tenant.requireMfa }, after: { required } })
  return { required }
}

// --- Sign-in: the second step -------------------------------------------------------------------

interface Challenge { tenantId: string, userId: string }
const challengeKey = (token: string) => `mfa-challenge:${hashToken(token)}`

/** After a correct password for an account with two-factor: a short-lived, single-use challenge. `scopeId` is the tenant, or 'platform'. */
export async function createMfaChallenge(scopeId: string, userId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await tenantCache().setItem<Challenge>(challengeKey(token), { tenantId: scopeId, userId }, { ttl: CHALLENGE_TTL_SECONDS })
  return token
}

/**
 * The live challenge for this token in this scope, with this attempt's number, or a 401 asking for
 * the password again. The attempt is counted before any code is checked, atomically (one counter
 * in Redis or in this process), so codes sent in parallel cannot get more than five checks.
 */
export async function loadMfaChallenge(token: string, scopeId: string): Promise<Challenge & { attempt: number }> {
  const challenge = await tenantCache().getItem<Challenge>(challengeKey(token))
  if (!challenge || challenge.tenantId !== scopeId) throw apiError(401, 'MFA_INVALID', 'This sign-in has expired; enter your password again')
  const attempt = await countAttempt('mfa-challenge', challengeKey(token), CHALLENGE_MAX_ATTEMPTS, CHALLENGE_TTL_SECONDS)
  if (attempt > CHALLENGE_MAX_ATTEMPTS) {
    await tenantCache().removeItem(challengeKey(token))
    throw apiError(401, 'MFA_INVALID', 'Too many attempts: enter your password again.')
  }
  return { ...challenge, attempt }
}

/** Answers a wrong code; the fifth ends the challenge. Throws the 401 to answer with. */
export async function failMfaChallenge(token: string, challenge: { attempt: number }, message: string): Promise<never> {
  const last = challenge.attempt >= CHALLENGE_MAX_ATTEMPTS
  if (last) await tenantCache().removeItem(challengeKey(token))
  throw apiError(401, 'MFA_INVALID', last ? `${message}. Too many attempts: enter your password again.` : message)
}

export const endMfaChallenge = (token: string) => tenantCache().removeItem(challengeKey(token))

/**
 * Completes a sign-in with a TOTP code or a recovery code. A wrong, malformed or replayed code is
 * refused and audited; after five the challenge is gone and the password must be entered again.
 * The audit of a refused code is a transaction of its own: it must commit although the attempt fails.
 */
export async function completeMfaChallenge(request: SignInRequest, input: { challenge: string, code?: string, recoveryCode?: string }): Promise<SignedIn> {
  const tenant = request.tenant
  const challenge = await loadMfaChallenge(input.challenge, tenant.id)

  const outcome = await runInTenant(tenant.id, async (scope) => {
    const user = await userRow(scope, challenge.userId)
    if (user.status !== 'active' || !user.totpEnabledAt || !user.totpSecretEnc) return { ok: false as const, reason: 'unavailable' }
    if (input.recoveryCode) {
      const [used] = await scope.tx.update(recoveryCodes).set({ usedAt: new Date() })
        .where(scope.where(recoveryCodes, eq(recoveryCodes.userId, user.id), eq(recoveryCodes.codeHash, recoveryHash(input.recoveryCode)), isNull(recoveryCodes.usedAt)))
        .returning({ id: recoveryCodes.id })
      if (!used) return { ok: false as const, reason: 'recovery_code_invalid' }
      await scope.audit({ action: 'auth.recovery_code_used', entityType: 'user', entityId: user.id, actor: { type: 'user', id: user.id } })
      return { ok: true as const, user, method: 'recovery_code' }
    }
    const verdict = acceptTotp(openSecret(user.totpSecretEnc), input.code ?? '', user.totpLastStep)
    if ('error' in verdict) return { ok: false as const, reason: verdict.error === 'replayed' ? 'code_replayed' : 'code_invalid' }
    // Conditional on the step stored a moment ago: two racing requests cannot both use one code.
    const [claimed] = await scope.tx.update(users).set({ totpLastStep: verdict.step })
      .where(scope.where(users, eq(users.id, user.id), user.totpLastStep === null ? isNull(users.totpLastStep) : eq(users.totpLastStep, user.totpLastStep)))
      .returning({ id: users.id })
    if (!claimed) return { ok: false as const, reason: 'code_replayed' }
    return { ok: true as const, user, method: 'totp' }
  }, request)

  if (!outcome.ok) {
    await runInTenant(tenant.id, scope => scope.audit({ action: 'auth.mfa_failed', entityType: 'user', entityId: challenge.userId, after: { reason: outcome.reason }, actor: { type: 'anonymous' } }), request)
    return failMfaChallenge(input.challenge, challenge, outcome.reason === 'code_replayed'
      ? 'That code was already used; wait for the next one'
      : outcome.reason === 'recovery_code_invalid' ? 'That recovery code is not valid or was already used' : 'That code did not match')
  }

  await endMfaChallenge(input.challenge)
  await noteLoginSuccess(tenant.id, outcome.user.email)
  return startSignedInSession(request, outcome.user.id, { mfa: outcome.method })
}
