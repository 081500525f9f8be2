import { randomBytes } from 'node:crypto'
import { and, eq, gt, inArray, isNull } from 'drizzle-orm'
import { authTokens, roles, users } from '#drizzle/schema'
import type { Mail } from '#server/utils/mailer'
import type { Principal } from '#server/utils/session'
import type { SignInRequest } from '#server/utils/sign-in'
import type { TenantScope } from '#server/utils/tenant-db'
import type { BulkInviteResult, InvitationDetails } from '#shared/schemas/account'
import type { TenantPublicProfile } from '#shared/site'
import { splitInviteList } from '#shared/schemas/account'
import { tenantEmailTemplate } from '#server/services/workspace/email-templates'
import { memberForEvent } from './members'

const RESET_TTL_SECONDS = 60 * 60
const INVITATION_TTL_SECONDS = 7 * 24 * 60 * 60
type Kind = 'password_reset' | 'invitation'

/** A new single-use token for a user; earlier unused ones of the same kind stop working. */
async function issueToken(scope: TenantScope, kind: Kind, userId: string, ttlSeconds: number): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await scope.tx.update(authTokens).set({ usedAt: new Date() })
    .where(scope.where(authTokens, eq(authTokens.userId, userId), eq(authTokens.kind, kind), isNull(authTokens.usedAt)))
  await scope.tx.insert(authTokens).values(scope.values(authTokens, [{ kind, tokenHash: hashToken(token), userId, expiresAt: new Date(Date.now() + ttlSeconds * 1000) }]))
  return token
}

/**
 * Marks a token used and returns its user, or answers 400 (unknown, used or expired), audited. Its
 * own transactions: a refused token's audit entry must commit although the request fails.
 */
async function consumeToken(request: SignInRequest, kind: Kind, token: string): Promise<{ scopeUserId: string }> {
  const tenantId = request.tenant.id
  const userId = await runInTenant(tenantId, async (scope) => {
    const [row] = await scope.tx.update(authTokens).set({ usedAt: new Date() })
      .where(scope.where(authTokens, eq(authTokens.tokenHash, hashToken(token)), eq(authTokens.kind, kind), isNull(authTokens.usedAt), gt(authTokens.expiresAt, new Date())))
      .returning({ userId: authTokens.userId })
    return row?.userId ?? null
  }, request)
  if (!userId) {
    await runInTenant(tenantId, scope => scope.audit({ action: `auth.${kind}_token_rejected`, entityType: 'auth_token', actor: { type: 'anonymous' } }), request)
    throw apiError(400, 'TOKEN_INVALID', 'This link is invalid, was already used, or has expired')
  }
  return { scopeUserId: userId }
}

function assertPolicy(password: string, field: string) {
  const problem = passwordProblem(password)
  if (problem) throw apiError(400, 'VALIDATION_FAILED', `Invalid body: ${field} ${problem}`, [{ path: field, message: problem }])
}

/**
 * Starts a password reset: a single-use link for an active account, audited. Returns its token for
 * the caller to mail (`passwordResetMail`) once this has committed, or null; the request's answer
 * is the same whether or not the account exists.
 */
export async function requestPasswordReset(scope: TenantScope, email: string): Promise<string | null> {
  const [user] = await scope.tx.select({ id: users.id, status: users.status }).from(users).where(scope.where(users, eq(users.email, email))).limit(1)
  if (!user || user.status !== 'active') return null
  const token = await issueToken(scope, 'password_reset', user.id, RESET_TTL_SECONDS)
  await scope.audit({ action: 'auth.password_reset_requested', entityType: 'user', entityId: user.id, actor: { type: 'anonymous' } })
  return token
}

/** The password reset mail in the tenant's brand and words; `origin` is the tenant host's the link points to. */
export async function passwordResetMail(tenant: TenantPublicProfile, origin: string, to: string, token: string): Promise<Mail> {
  return brandedMail(tenant, origin, 'password_reset', await tenantEmailTemplate(tenant.id, 'password_reset'), { to, url: `${origin}/reset-password?token=${token}`, values: { expires: '1 hour' } })
}

/**
 * Sets a new password from a reset link; every session of the account ends. Apart from the token's
 * own transactions (see consumeToken), the new hash is computed outside any transaction (scrypt).
 */
export async function resetPassword(request: SignInRequest, token: string, password: string): Promise<void> {
  assertPolicy(password, 'password')
  const { scopeUserId } = await consumeToken(request, 'password_reset', token)
  const hash = await hashPassword(password)
  await runInTenant(request.tenant.id, async (scope) => {
    await scope.tx.update(users).set({ passwordHash: hash }).where(scope.where(users, eq(users.id, scopeUserId)))
    await revokeUserSessions(scope, scopeUserId)
    await scope.audit({ action: 'auth.password_reset', entityType: 'user', entityId: scopeUserId, actor: { type: 'user', id: scopeUserId } })
  }, request)
}

/** Changes the signed-in user's password; their other sessions end. */
export async function changePassword(scope: TenantScope, principal: Principal, current: string, next: string): Promise<void> {
  assertPolicy(next, 'newPassword')
  const [user] = await scope.tx.select({ hash: users.passwordHash }).from(users).where(scope.where(users, eq(users.id, principal.id))).limit(1)
  if (!user?.hash || !await verifyPassword(current, user.hash)) {
    throw apiError(400, 'VALIDATION_FAILED', 'Invalid body: currentPassword is not your current password', [{ path: 'currentPassword', message: 'is not your current password' }])
  }
  await scope.tx.update(users).set({ passwordHash: await hashPassword(next) }).where(scope.where(users, eq(users.id, principal.id)))
  await revokeUserSessions(scope, principal.id, principal.sessionId)
  await scope.audit({ action: 'auth.password_changed', entityType: 'user', entityId: principal.id })
}

/** Invites someone by email with a role: an `invited` account and a 7-day single-use link. */
/** The role id for a key, or 400 naming the `role` field. */
async function roleIdOf(scope: TenantScope, key: string): Promise<string> {
  const [role] = await scope.tx.select({ id: roles.id }).from(roles).where(scope.where(roles, eq(roles.key, key))).limit(1)
  if (!role) throw apiError(400, 'VALIDATION_FAILED', 'Invalid body: role is not a role of this workspace', [{ path: 'role', message: 'is not a role of this workspace' }])
  return role.id
}

/** Creates (or renews) one invitation inside the caller's transaction; returns its token. */
async function createInvitation(scope: TenantScope, input: { email: string, name?: string, roleId: string }, existing?: { id: string }) {
  const id = existing?.id ?? (await scope.tx.insert(users).values(scope.values(users, [{
    email: input.email, name: input.name || input.email.split('@')[0]!, roleId: input.roleId, status: 'invited' as const,
  }])).returning({ id: users.id }))[0]!.id
  if (existing) await scope.tx.update(users).set({ roleId: input.roleId }).where(scope.where(users, eq(users.id, id)))
  return { id, token: await issueToken(scope, 'invitation', id, INVITATION_TTL_SECONDS) }
}

/** Invites a workspace's first admin while it is being created (the caller's transaction). */
export async function inviteFirstAdmin(scope: TenantScope, email: string, adminRoleId: string) {
  return createInvitation(scope, { email, roleId: adminRoleId })
}

/** The invitation mail in the tenant's brand and words; `origin` is the tenant host's the link points to. */
export async function invitationMail(tenant: Pick<TenantPublicProfile, 'id' | 'name' | 'palettes' | 'theme'>, origin: string, inviter: string, to: string, token: string): Promise<Mail> {
  return brandedMail(tenant, origin, 'invitation', await tenantEmailTemplate(tenant.id, 'invitation'), { to, url: `${origin}/accept-invitation?token=${token}`, values: { inviter, expires: '7 days' } })
}

/** Invites one person (or renews their open invitation); returns the token for the caller to mail (`invitationMail`, `sendMail`) after the commit. */
export async function inviteMember(scope: TenantScope, input: { email: string, name?: string, role: string }) {
  const roleId = await roleIdOf(scope, input.role)
  const [existing] = await scope.tx.select({ id: users.id, status: users.status }).from(users).where(scope.where(users, eq(users.email, input.email))).limit(1)
  if (existing && existing.status !== 'invited') throw apiError(409, 'CONFLICT', 'This person is already a member')
  if (!existing) await assertSeatsAvailable(scope, scope.tenantId, 1)
  const { id, token } = await createInvitation(scope, { email: input.email, name: input.name, roleId }, existing)
  await scope.audit({ action: 'member.invited', entityType: 'user', entityId: id, after: { email: input.email, role: input.role } })
  await scope.emit('member.invited', { member: await memberForEvent(scope, id) })
  return { invited: { id, email: input.email, status: 'invited' as const }, token }
}

/**
 * Invites a pasted list in one transaction: every address valid and every new one within the
 * plan's seats, or nobody is invited. Members already active are skipped; open invitations are
 * renewed. One audit entry lists everyone invited. Returns the tokens for the caller to mail
 * (`invitationMail`, `sendMail`) after the commit.
 */
export async function inviteMembers(scope: TenantScope, input: { emails: string, role: string }): Promise<{ result: BulkInviteResult, invitations: { email: string, token: string }[] }> {
  const skipped: BulkInviteResult['skipped'] = []
  const unique = new Map<string, { email: string, name?: string }>()
  for (const entry of splitInviteList(input.emails)) {
    if (unique.has(entry.email)) skipped.push({ email: entry.email, reason: 'listed twice' })
    else unique.set(entry.email, entry)
  }
  const roleId = await roleIdOf(scope, input.role)
  const existing = await scope.tx.select({ id: users.id, email: users.email, status: users.status }).from(users)
    .where(scope.where(users, inArray(users.email, [...unique.keys()])))
  const byEmail = new Map(existing.map(u => [u.email, u]))
  const todo = [...unique.values()].filter((entry) => {
    const member = byEmail.get(entry.email)
    if (member && member.status !== 'invited') skipped.push({ email: entry.email, reason: member.status === 'deactivated' ? 'deactivated member (reactivate instead)' : 'already a member' })
    return !member || member.status === 'invited'
  })
  await assertSeatsAvailable(scope, scope.tenantId, todo.filter(e => !byEmail.has(e.email)).length, 'emails')
  const sent: { id: string, email: string, token: string }[] = []
  for (const entry of todo) {
    const { id, token } = await createInvitation(scope, { ...entry, roleId }, byEmail.get(entry.email))
    sent.push({ id, email: entry.email, token })
  }
  if (sent.length) {
    await scope.audit({ action: 'member.bulk_invited', entityType: 'user', after: { role: input.role, emails: sent.map(o => o.email) } })
    await scope.emit('member.invited', ...await Promise.all(sent.map(async o => ({ member: await memberForEvent(scope, o.id) }))))
  }
  return { result: { invited: sent.map(({ id, email }) => ({ id, email })), skipped }, invitations: sent.map(({ email, token }) => ({ email, token })) }
}

/**
 * Who an open invitation is for, without using it up, so its page can show the address and fill
 * in the name the admin typed (an invitation without one carries the address's local part, which
 * is not offered). 400 TOKEN_INVALID when unknown, used or expired, as accepting would answer.
 */
export async function invitationDetails(scope: TenantScope, token: string): Promise<InvitationDetails> {
  const [row] = await scope.tx.select({ email: users.email, name: users.name }).from(authTokens)
    .innerJoin(users, and(eq(users.tenantId, authTokens.tenantId), eq(users.id, authTokens.userId)))
    .where(scope.where(authTokens, eq(authTokens.tokenHash, hashToken(token)), eq(authTokens.kind, 'invitation'), isNull(authTokens.usedAt), gt(authTokens.expiresAt, new Date()), eq(users.status, 'invited')))
    .limit(1)
  if (!row) throw apiError(400, 'TOKEN_INVALID', 'This link is invalid, was already used, or has expired')
  return { email: row.email, name: row.name && row.name !== row.email.split('@')[0] ? row.name : null }
}

/**
 * Accepts an invitation: sets name and password, activates the account, signs in. Apart from the
 * token's own transactions (see consumeToken), the hash is computed outside any transaction (scrypt).
 */
export async function acceptInvitation(request: SignInRequest, input: { token: string, name: string, password: string }) {
  const tenant = request.tenant
  assertPolicy(input.password, 'password')
  const { scopeUserId } = await consumeToken(request, 'invitation', input.token)
  const hash = await hashPassword(input.password)
  const session = await runInTenant(tenant.id, async (scope) => {
    const [updated] = await scope.tx.update(users).set({ name: input.name, passwordHash: hash, status: 'active', lastActiveAt: new Date() })
      .where(scope.where(users, eq(users.id, scopeUserId), eq(users.status, 'invited'))).returning({ id: users.id })
    if (!updated) throw apiError(400, 'TOKEN_INVALID', 'This invitation is no longer valid')
    const created = await openSession(scope, scopeUserId, request.userAgent)
    await scope.audit({ action: 'member.joined', entityType: 'user', entityId: scopeUserId, actor: { type: 'user', id: scopeUserId } })
    await scope.emit('member.joined', { member: await memberForEvent(scope, scopeUserId) })
    return created
  }, request)
  const principal = await principalForToken(tenant, session.token)
  if (!principal) throw apiError(400, 'TOKEN_INVALID', 'This invitation is no longer valid')
  return { ...session, user: sessionUser(principal, tenant) }
}
