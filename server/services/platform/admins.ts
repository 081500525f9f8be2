import { and, asc, eq, gt, isNull, ne, sql } from 'drizzle-orm'
import { impersonations, platformAdmins, sessions } from '#drizzle/schema'
import type { PlatformAdmin } from '#drizzle/schema'
import type { PlatformAdminCreate, PlatformAdminCreated, PlatformAdminRow } from '#shared/schemas/platform-admins'
import { generatedPassword } from '#server/database/super-admins'
import { closeImpersonation } from '#server/services/identity/impersonation'
import type { PlatformScope } from '#server/utils/platform-db'
import type { PlatformRunner } from '#server/utils/scope-runner'

// Super admins managing super admins from the console: list, add (with a password shown once;
// two-factor is enrolled at their first sign-in, as for every super admin), disable, enable again
// and remove. Removal is a soft delete (status `removed`): the audit log's actor ids and the
// impersonation grants keep pointing at the row. Nobody disables or removes themselves, and the
// last active super admin stays: the platform must keep a way in.

type Actor = { id: string }

const toRow = (a: PlatformAdmin, youId: string): PlatformAdminRow => ({
  id: a.id,
  name: a.name,
  email: a.email,
  status: a.status === 'active' ? 'active' : 'deactivated',
  mfaEnabled: !!a.totpEnabledAt,
  lastSignInAt: a.lastActiveAt?.toISOString() ?? null,
  createdAt: a.createdAt.toISOString(),
  isYou: a.id === youId,
})

/** Every super admin who is not removed, by name. */
export async function listPlatformAdmins(scope: PlatformScope, you: Actor): Promise<PlatformAdminRow[]> {
  const rows = await scope.tx.select().from(platformAdmins).where(ne(platformAdmins.status, 'removed'))
    .orderBy(asc(platformAdmins.name), asc(platformAdmins.email))
  return rows.map(r => toRow(r, you.id))
}

/**
 * Adds a super admin with a generated password, returned this once for the inviting admin to pass
 * on (there is no password-reset mail on the platform domain). An email of a removed super admin
 * brings that account back (same id, so its history stays one), with a new password and two-factor
 * to enrol again; an email of a current one is a 409.
 */
export async function addPlatformAdmin(run: PlatformRunner, actor: Actor, input: PlatformAdminCreate): Promise<PlatformAdminCreated> {
  const password = generatedPassword()
  // scrypt before the transaction: nothing is held open while it works.
  const passwordHash = await hashPassword(password)
  return run(async (scope) => {
    const [same] = await scope.tx.select().from(platformAdmins).where(eq(platformAdmins.email, input.email)).limit(1).for('update')
    if (same && same.status !== 'removed') {
      throw apiError(409, 'CONFLICT', `${input.email} is already a super admin${same.status === 'deactivated' ? ' (disabled: enable them instead)' : ''}`, [{ path: 'email', message: 'is already a super admin' }])
    }
    const fresh = { name: input.name, passwordHash, status: 'active' as const, totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null, lastActiveAt: null }
    const [row] = same
      ? await scope.tx.update(platformAdmins).set(fresh).where(eq(platformAdmins.id, same.id)).returning()
      : await scope.tx.insert(platformAdmins).values({ email: input.email, ...fresh }).returning()
    await scope.audit({
      action: 'platform_admin.added', entityType: 'platform_admin', entityId: row!.id,
      before: same ? { email: same.email, name: same.name, status: same.status } : null,
      after: { email: row!.email, name: row!.name, status: row!.status },
    })
    return { admin: toRow(row!, actor.id), password }
  })
}

/**
 * Reads the target for a change under lock, with every active super admin locked too, so two
 * admins disabling each other at the same moment cannot both succeed and leave nobody.
 */
async function lockedTarget(scope: PlatformScope, actor: Actor, id: string, verb: 'disable' | 'remove') {
  const active = await scope.tx.select({ id: platformAdmins.id }).from(platformAdmins)
    .where(eq(platformAdmins.status, 'active')).orderBy(asc(platformAdmins.id)).for('update')
  const [target] = await scope.tx.select().from(platformAdmins)
    .where(and(eq(platformAdmins.id, id), ne(platformAdmins.status, 'removed'))).limit(1).for('update')
  if (!target) throw notFound('No such super admin')
  if (target.id === actor.id) throw apiError(409, 'CONFLICT', `You cannot ${verb} yourself: ask another super admin`)
  if (target.status === 'active' && !active.some(a => a.id !== target.id)) {
    throw apiError(409, 'LAST_ADMIN', `${target.email} is the last active super admin and cannot be ${verb}d: add or enable another first`)
  }
  return target
}

/**
 * Ends everything a disabled or removed super admin had open, in the caller's transaction: their
 * console sessions (returned as token hashes, to drop from the cache after the commit) and their
 * running impersonations — each grant closed, its tenant session revoked, the tenant's log told.
 */
async function endAccess(scope: PlatformScope, adminId: string, via: string): Promise<{ tokenHashes: string[], impersonationsEnded: string[] }> {
  const tokenHashes = await revokePlatformAdminSessions(scope.tx, adminId)
  const open = await scope.tx.select({ id: impersonations.id, tenantId: impersonations.tenantId }).from(impersonations)
    .where(and(eq(impersonations.adminId, adminId), isNull(impersonations.endedAt), gt(impersonations.expiresAt, sql`now()`)))
  for (const grant of open) {
    await scope.inTenant(grant.tenantId, async (tenantScope) => {
      if (!(await closeImpersonation(tenantScope.tx, grant.id))) return
      const live = await tenantScope.tx.select({ id: sessions.id }).from(sessions)
        .where(tenantScope.where(sessions, eq(sessions.impersonationId, grant.id), isNull(sessions.revokedAt)))
      for (const s of live) await revokeSession(tenantScope, s.id)
      await tenantScope.audit({ action: 'impersonation.ended', entityType: 'impersonation', entityId: grant.id, after: { via, sessionsEnded: live.length } })
    })
  }
  return { tokenHashes, impersonationsEnded: open.map(g => g.id) }
}

/**
 * Disables (`deactivated`) or enables a super admin. Disabling ends their sessions and
 * impersonations at once and refuses their sign-in; enabling lets them sign in again (their
 * password and two-factor unchanged). Yourself and the last active super admin: 409.
 */
export async function setPlatformAdminStatus(run: PlatformRunner, actor: Actor, id: string, status: 'active' | 'deactivated'): Promise<PlatformAdminRow> {
  const { row, tokenHashes } = await run(async (scope) => {
    const target = status === 'deactivated'
      ? await lockedTarget(scope, actor, id, 'disable')
      : (await scope.tx.select().from(platformAdmins).where(and(eq(platformAdmins.id, id), ne(platformAdmins.status, 'removed'))).limit(1).for('update'))[0]
    if (!target) throw notFound('No such super admin')
    if (target.status === status) throw apiError(409, 'CONFLICT', `${target.email} is already ${status === 'active' ? 'enabled' : 'disabled'}`)
    const [row] = await scope.tx.update(platformAdmins).set({ status }).where(eq(platformAdmins.id, id)).returning()
    const ended = status === 'deactivated' ? await endAccess(scope, id, 'admin_disabled') : { tokenHashes: [], impersonationsEnded: [] }
    await scope.audit({
      action: status === 'deactivated' ? 'platform_admin.disabled' : 'platform_admin.enabled',
      entityType: 'platform_admin', entityId: id,
      before: { email: target.email, status: target.status },
      after: { email: row!.email, status: row!.status, ...(status === 'deactivated' ? { sessionsEnded: ended.tokenHashes.length, impersonationsEnded: ended.impersonationsEnded } : {}) },
    })
    return { row: row!, tokenHashes: ended.tokenHashes }
  })
  // After the commit, so no request can read the old state back into the cache in between.
  await forgetPlatformSessions(tokenHashes)
  return toRow(row, actor.id)
}

/**
 * Removes a super admin: status `removed` (a soft delete: the audit log and impersonation grants
 * keep naming them), two-factor secret dropped, sessions and impersonations ended at once. They no
 * longer appear in the console and cannot sign in; adding their email again brings the account back.
 */
export async function removePlatformAdmin(run: PlatformRunner, actor: Actor, id: string): Promise<void> {
  const tokenHashes = await run(async (scope) => {
    const target = await lockedTarget(scope, actor, id, 'remove')
    await scope.tx.update(platformAdmins).set({ status: 'removed', totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null })
      .where(eq(platformAdmins.id, id))
    const ended = await endAccess(scope, id, 'admin_removed')
    await scope.audit({
      action: 'platform_admin.removed', entityType: 'platform_admin', entityId: id,
      before: { email: target.email, name: target.name, status: target.status, mfaEnabled: !!target.totpEnabledAt },
      after: { status: 'removed', sessionsEnded: ended.tokenHashes.length, impersonationsEnded: ended.impersonationsEnded },
    })
    return ended.tokenHashes
  })
  await forgetPlatformSessions(tokenHashes)
}
