import { randomBytes } from 'node:crypto'
import { and, count, desc, eq, gt, inArray, isNull, lt, lte } from 'drizzle-orm'
import { impersonations, platformAdmins, sessions, tenantDomains, tenants, users } from '#drizzle/schema'
import type { Impersonation } from '#drizzle/schema'
import type { Page } from '#shared/schemas/members'
import type { ImpersonationRow, ImpersonationStart, ImpersonationStarted } from '#shared/schemas/impersonation'
import { IMPERSONATION_HANDOFF_SECONDS } from '#shared/schemas/impersonation'
import type { Tx } from '#server/database/connect'
import type { PlatformScope } from '#server/utils/platform-db'
import type { Principal } from '#server/utils/session'
import type { SignInRequest } from '#server/utils/sign-in'
import type { TenantScope } from '#server/utils/tenant-db'
import type { PlatformPrincipal } from '#server/utils/platform-session'

// Impersonation: a super admin enters a tenant as one of its users, for a limited time and with a
// reason. The platform host records the grant and hands out a single-use link; the tenant host
// trades it for an ordinary tenant session tagged with the grant (sessions never cross hosts).
// Everything done in that session is audited as impersonated (server/utils/audit.ts), and the
// session ends on demand, from either host, or on its own at the grant's expiry.

/** The tenant's primary address as a full host name, or null. */
async function primaryHostOf(tx: Tx, tenantId: string): Promise<string | null> {
  const [row] = await tx.select({ hostname: tenantDomains.hostname, kind: tenantDomains.kind }).from(tenantDomains)
    .where(and(eq(tenantDomains.tenantId, tenantId), eq(tenantDomains.isPrimary, true))).limit(1)
  return row ? fullHostname(row) : null
}

/** A suspended or deleted workspace cannot be entered: it is refused here, plainly. */
function assertEnterable(tenant: { name: string, status: string, deletedAt: Date | null }): void {
  if (tenant.deletedAt) throw apiError(409, 'WORKSPACE_SUSPENDED', `${tenant.name} is deleted (awaiting purge): it cannot be impersonated`)
  if (tenant.status === 'suspended') throw apiError(409, 'WORKSPACE_SUSPENDED', `${tenant.name} is suspended: reactivate it before entering it as one of its users`)
}

const summary = (user: { id: string, email: string, name: string }, reason: string, expiresAt: Date, admin: { id: string, name: string }) =>
  ({ user: { id: user.id, email: user.email, name: user.name }, reason, expiresAt: expiresAt.toISOString(), admin: { id: admin.id, name: admin.name } })

/**
 * Grants a super admin entry into a tenant as one active member: the grant and its audit entries
 * (tenant and platform) in one transaction. Returns the hand-off link, valid once for two minutes,
 * on the tenant's primary host with the scheme and port of `origin` (the console's, `requestOrigin`).
 */
export async function startImpersonation(scope: PlatformScope, admin: PlatformPrincipal, slug: string, input: ImpersonationStart, origin: string): Promise<ImpersonationStarted> {
  // Read in this transaction (not through platform/tenants' tenantBySlug, which takes its own
  // connection: on PGlite, with one connection, that would wait for this transaction forever).
  const [tenant] = await scope.tx.select().from(tenants).where(eq(tenants.slug, slug)).limit(1)
  if (!tenant) throw notFound('No such workspace')
  assertEnterable(tenant)
  const host = await primaryHostOf(scope.tx, tenant.id)
  if (!host) throw apiError(409, 'CONFLICT', `${tenant.name} has no address to enter it on`)

  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + input.minutes * 60_000)
  const id = await scope.inTenant(tenant.id, async (tenantScope) => {
    const [user] = await tenantScope.tx.select({ id: users.id, email: users.email, name: users.name, status: users.status }).from(users)
      .where(tenantScope.where(users, eq(users.id, input.userId))).limit(1)
    if (!user) throw notFound('No such member in this workspace')
    if (user.status !== 'active') throw apiError(409, 'CONFLICT', `${user.email} is ${user.status === 'invited' ? 'invited but has not joined' : 'deactivated'}: only an active member can be impersonated`)
    const [row] = await tenantScope.tx.insert(impersonations).values({
      adminId: admin.id, tenantId: tenant.id, userId: user.id, reason: input.reason, handoffTokenHash: hashToken(token), expiresAt,
    }).returning({ id: impersonations.id })
    const after = summary(user, input.reason, expiresAt, admin)
    await tenantScope.audit({ action: 'impersonation.started', entityType: 'impersonation', entityId: row!.id, after })
    await scope.audit({ action: 'impersonation.started', tenantId: tenant.id, entityType: 'impersonation', entityId: row!.id, after })
    return row!.id
  })
  return { id, expiresAt: expiresAt.toISOString(), url: `${originOn(origin, host)}/api/auth/impersonate?token=${token}` }
}

/** Why a hand-off link is refused: 400 when it is no link of this workspace, 410 when it is spent. */
const handoffRefused = (status: 400 | 410, message: string) => apiError(status, 'TOKEN_INVALID', message)

/**
 * Trades a hand-off token for a session on this tenant's host: only here, only once, only within
 * two minutes of the grant; the session carries the grant and ends with it. Audited as impersonated.
 */
export async function redeemHandoff(request: SignInRequest, token: string): Promise<{ token: string, expiresAt: Date }> {
  const tenant = request.tenant
  return runInTenant(tenant.id, async (scope) => {
    const [grant] = await scope.tx.select().from(impersonations).where(eq(impersonations.handoffTokenHash, hashToken(token))).limit(1)
    // A link of another workspace is answered as an unknown one, and stays unused.
    if (!grant || grant.tenantId !== tenant.id) throw handoffRefused(400, 'This impersonation link is not valid for this workspace')
    if (grant.handoffUsedAt) throw handoffRefused(410, 'This impersonation link was already used: start a new impersonation from the console')
    const now = Date.now()
    if (grant.endedAt || now > grant.createdAt.getTime() + IMPERSONATION_HANDOFF_SECONDS * 1000 || now >= grant.expiresAt.getTime()) {
      throw handoffRefused(410, 'This impersonation link has expired: start a new impersonation from the console')
    }
    const [admin] = await scope.tx.select({ status: platformAdmins.status }).from(platformAdmins).where(eq(platformAdmins.id, grant.adminId)).limit(1)
    if (admin?.status !== 'active') throw handoffRefused(410, 'The super admin of this impersonation is no longer active')
    const [row] = await scope.tx.select({ status: tenants.status, deletedAt: tenants.deletedAt, name: tenants.name }).from(tenants).where(eq(tenants.id, tenant.id)).limit(1)
    assertEnterable(row!)

    // Claimed in the same transaction as the session: of two racing requests, one wins.
    const [claimed] = await scope.tx.update(impersonations).set({ handoffUsedAt: new Date() })
      .where(and(eq(impersonations.id, grant.id), isNull(impersonations.handoffUsedAt))).returning({ id: impersonations.id })
    if (!claimed) throw handoffRefused(410, 'This impersonation link was already used: start a new impersonation from the console')
    const [user] = await scope.tx.select({ status: users.status }).from(users).where(scope.where(users, eq(users.id, grant.userId))).limit(1)
    if (user?.status !== 'active') throw handoffRefused(410, 'This member is no longer active in the workspace')
    const created = await openSession(scope, grant.userId, request.userAgent, { id: grant.id, expiresAt: grant.expiresAt })
    await scope.audit({
      action: 'auth.signed_in', entityType: 'session', entityId: created.sessionId, actor: { type: 'user', id: grant.userId },
      after: { impersonation: grant.id }, impersonatedBy: grant.adminId,
    })
    return { token: created.token, expiresAt: grant.expiresAt }
  }, request)
}

/** Marks a grant ended (once) in the caller's transaction; null when it already was. */
export async function closeImpersonation(tx: Tx, id: string): Promise<Impersonation | null> {
  return markEnded(tx, id)
}

async function markEnded(tx: Tx, id: string): Promise<Impersonation | null> {
  const [row] = await tx.update(impersonations).set({ endedAt: new Date() })
    .where(and(eq(impersonations.id, id), isNull(impersonations.endedAt))).returning()
  return row ?? null
}

/**
 * Ends the impersonation of the signed-in session, on the tenant's host (the banner's button, or
 * signing out): the session is revoked, the grant closed, and `impersonation.ended` written to
 * both logs as an impersonated action. The caller sends the browser on (the platform's console).
 */
export async function endImpersonationHere(scope: TenantScope, principal: Principal, via: 'button' | 'sign_out' = 'button'): Promise<void> {
  const impersonation = principal.impersonation
  if (!impersonation) throw apiError(409, 'CONFLICT', 'This session is not an impersonation')
  await revokeSession(scope, principal.sessionId)
  await markEnded(scope.tx, impersonation.id)
  await scope.audit({ action: 'impersonation.ended', entityType: 'impersonation', entityId: impersonation.id, after: { via } })
}

/**
 * A super admin ends an impersonation from the console: the grant closes and its tenant session is
 * revoked, audited in both logs, and the row is answered as the console lists it, all in one transaction.
 */
export async function endImpersonationRemotely(scope: PlatformScope, id: string): Promise<ImpersonationRow> {
  const [grant] = await scope.tx.select().from(impersonations).where(eq(impersonations.id, id)).limit(1)
  if (!grant) throw notFound('No such impersonation')
  if (grant.endedAt || grant.expiresAt.getTime() <= Date.now()) throw apiError(409, 'CONFLICT', 'This impersonation has already ended')
  await scope.inTenant(grant.tenantId, async (tenantScope) => {
    if (!(await markEnded(tenantScope.tx, grant.id))) throw apiError(409, 'CONFLICT', 'This impersonation has already ended')
    const open = await tenantScope.tx.select({ id: sessions.id }).from(sessions)
      .where(tenantScope.where(sessions, eq(sessions.impersonationId, grant.id), isNull(sessions.revokedAt)))
    for (const s of open) await revokeSession(tenantScope, s.id)
    const after = { via: 'console', sessionsEnded: open.length }
    await tenantScope.audit({ action: 'impersonation.ended', entityType: 'impersonation', entityId: grant.id, after })
    await scope.audit({ action: 'impersonation.ended', tenantId: grant.tenantId, entityType: 'impersonation', entityId: grant.id, after })
  })
  const { items } = await listImpersonations(scope, { id: grant.id, status: 'all', page: 1, pageSize: 1 })
  return items[0]!
}

function statusOf(row: { endedAt: Date | null, expiresAt: Date }, now: number): ImpersonationRow['status'] {
  if (row.endedAt && row.endedAt < row.expiresAt) return 'ended'
  return row.expiresAt.getTime() <= now ? 'expired' : 'active'
}

/**
 * Impersonations for the console, newest first: all recent ones or only those still running, of
 * every tenant or one. Grants that ran out are closed here, lazily (ended_at = their expiry), and
 * so are those whose hand-off link was never opened in time.
 */
export async function listImpersonations(scope: PlatformScope, q: { status: 'active' | 'all', tenant?: string, id?: string, page: number, pageSize: number }): Promise<Page<ImpersonationRow>> {
  const db = scope.tx
  const now = new Date()
  await db.update(impersonations).set({ endedAt: impersonations.expiresAt })
    .where(and(isNull(impersonations.endedAt), lte(impersonations.expiresAt, now)))
  // A link never opened in its two minutes can no longer be: that grant is over too.
  await db.update(impersonations).set({ endedAt: now })
    .where(and(isNull(impersonations.endedAt), isNull(impersonations.handoffUsedAt), lt(impersonations.createdAt, new Date(now.getTime() - IMPERSONATION_HANDOFF_SECONDS * 1000))))
  const where = and(
    q.id ? eq(impersonations.id, q.id) : undefined,
    q.tenant ? eq(tenants.slug, q.tenant) : undefined,
    q.status === 'active' ? and(isNull(impersonations.endedAt), gt(impersonations.expiresAt, now)) : undefined,
  )
  const [rows, [total]] = await Promise.all([
    db.select({ grant: impersonations, tenant: { id: tenants.id, slug: tenants.slug, name: tenants.name }, admin: { id: platformAdmins.id, email: platformAdmins.email, name: platformAdmins.name } })
      .from(impersonations)
      .innerJoin(tenants, eq(tenants.id, impersonations.tenantId))
      .innerJoin(platformAdmins, eq(platformAdmins.id, impersonations.adminId))
      .where(where)
      .orderBy(desc(impersonations.createdAt), desc(impersonations.id))
      .limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(impersonations).innerJoin(tenants, eq(tenants.id, impersonations.tenantId)).where(where),
  ])
  // The people impersonated live in their tenants' tables: one scoped read per tenant on the page.
  const people = new Map<string, { email: string, name: string }>()
  for (const tenantId of new Set(rows.map(r => r.tenant.id))) {
    const ids = rows.filter(r => r.tenant.id === tenantId).map(r => r.grant.userId)
    const found = await scope.inTenant(tenantId, tenantScope => tenantScope.tx.select({ id: users.id, email: users.email, name: users.name }).from(users)
      .where(tenantScope.where(users, inArray(users.id, ids))))
    for (const u of found) people.set(`${tenantId}:${u.id}`, u)
  }
  return {
    items: rows.map(({ grant, tenant, admin }) => {
      const person = people.get(`${tenant.id}:${grant.userId}`)
      return {
        id: grant.id,
        tenant,
        user: { id: grant.userId, email: person?.email ?? null, name: person?.name ?? null },
        admin,
        reason: grant.reason,
        createdAt: grant.createdAt.toISOString(),
        expiresAt: grant.expiresAt.toISOString(),
        endedAt: grant.endedAt?.toISOString() ?? null,
        entered: !!grant.handoffUsedAt,
        status: statusOf(grant, now.getTime()),
      }
    }),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  }
}
