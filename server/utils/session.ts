import { createHash } from 'node:crypto'
import type { H3Event } from 'h3'
import { and, eq, gt, isNull } from 'drizzle-orm'
import { impersonations, platformAdmins, roles, sessions, users } from '#drizzle/schema'
import type { SessionImpersonation, SessionUser } from '#shared/auth'
import type { Permission } from '#shared/permissions'
import type { TenantPublicProfile } from '#shared/site'
import type { TenantContext } from './tenant'
import type { TenantScope } from './tenant-db'

/** Host-only, HttpOnly cookie holding the opaque session token. */
export const SESSION_COOKIE = 'session'
// How long a session lasts (idle, and in total since sign-in) is the tenant's policy:
// tenants.session_idle_minutes / session_max_hours, within shared/schemas/security.ts.
/** "Last seen" is written at most this often per session, not on every request. */
const LAST_SEEN_WRITE_EVERY_MS = 60_000
/** Resolved principals are cached briefly; revocation deletes the entry at once. */
const PRINCIPAL_CACHE_SECONDS = 60

export interface Principal extends Omit<SessionUser, 'mfaEnrolmentRequired'> {
  kind: 'user'
  tenantId: string
  sessionId: string
  expiresAt: number
  lastSeenAt: number
  /** Two-factor is on for this account (read at session load; enabling or disabling drops the cache). */
  mfaEnabled: boolean
  /** A super admin is behind this session (server/services/impersonation.ts); null for the person themselves. */
  impersonation: PrincipalImpersonation | null
}

/** The impersonation behind a session: the banner's facts, and the admin every audit entry names. */
export interface PrincipalImpersonation extends SessionImpersonation {
  adminId: string
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url')
const principalKey = (tokenHash: string) => `session:${tokenHash}`

export function isHttps(event: H3Event): boolean {
  if (trustsProxy(event)) return (getHeader(event, 'x-forwarded-proto') ?? '').split(',').at(-1)?.trim() === 'https'
  return getRequestProtocol(event, { xForwardedProto: false }) === 'https'
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure on https, no Domain (host-only). */
export function setSessionCookie(event: H3Event, token: string, maxAge = requireTenant(event).sessionPolicy.sessionMaxHours * 3600): void {
  setCookie(event, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: isHttps(event), path: '/', maxAge })
}

export function clearSessionCookie(event: H3Event): void {
  deleteCookie(event, SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: isHttps(event), path: '/' })
}

async function loadPrincipal(tenantId: string, tokenHash: string): Promise<Principal | null> {
  return runInTenant(tenantId, async (scope) => {
    const [row] = await scope.tx
      .select({
        session: sessions, user: users, role: { key: roles.key, name: roles.name, permissions: roles.permissions, recordScope: roles.recordScope },
        impersonation: { reason: impersonations.reason, endedAt: impersonations.endedAt, tenantId: impersonations.tenantId, userId: impersonations.userId },
        admin: { id: platformAdmins.id, email: platformAdmins.email, name: platformAdmins.name, status: platformAdmins.status },
      })
      .from(sessions)
      .innerJoin(users, and(eq(users.tenantId, sessions.tenantId), eq(users.id, sessions.userId)))
      .innerJoin(roles, and(eq(roles.tenantId, users.tenantId), eq(roles.id, users.roleId)))
      .leftJoin(impersonations, eq(impersonations.id, sessions.impersonationId))
      .leftJoin(platformAdmins, eq(platformAdmins.id, impersonations.adminId))
      .where(scope.where(sessions, eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())))
      .limit(1)
    if (!row || row.user.status !== 'active') return null
    // An impersonated session lives only while its impersonation is open and its admin still active.
    const imp = row.session.impersonationId ? row.impersonation : null
    if (row.session.impersonationId && (!imp || imp.endedAt || imp.tenantId !== tenantId || imp.userId !== row.user.id || row.admin?.status !== 'active')) return null
    return {
      kind: 'user',
      tenantId,
      sessionId: row.session.id,
      id: row.user.id,
      email: row.user.email,
      name: row.user.name,
      role: { key: row.role.key, name: row.role.name, recordScope: row.role.recordScope },
      permissions: row.role.permissions as Permission[],
      mfaEnabled: !!row.user.totpEnabledAt,
      expiresAt: row.session.expiresAt.getTime(),
      lastSeenAt: row.session.lastSeenAt.getTime(),
      impersonation: imp && row.admin
        ? { id: row.session.impersonationId!, adminId: row.admin.id, adminEmail: row.admin.email, adminName: row.admin.name, reason: imp.reason, expiresAt: row.session.expiresAt.toISOString() }
        : null,
    }
  })
}

/**
 * The signed-in user of this request, or null. Valid only on hosts of the session's own tenant:
 * the lookup is scoped to the host's tenant, so a token carried to another tenant finds nothing.
 */
export async function resolvePrincipal(event: H3Event): Promise<Principal | null> {
  const site = event.context.site
  const token = getCookie(event, SESSION_COOKIE)
  if (site?.kind !== 'tenant' || !token || token.length > 128) return null
  return principalForToken(site.tenant, token)
}

/**
 * The one mechanism behind tenant and super admin sessions: the principal comes from the shared
 * cache (loaded on a miss), must `belong` to this host, and must be within its total and idle
 * limits; "last seen" is written at most once a minute, not on every request. Null otherwise.
 */
export async function cachedSessionPrincipal<P extends { expiresAt: number, lastSeenAt: number }>(o: {
  key: string
  idleMinutes: number
  load: () => Promise<P | null>
  belongs?: (principal: P) => boolean
  writeLastSeen: (principal: P, at: Date) => Promise<unknown>
}): Promise<P | null> {
  let principal = await tenantCache().getItem<P>(o.key)
  if (!principal) {
    principal = await o.load()
    if (!principal) return null
    await tenantCache().setItem(o.key, principal, { ttl: PRINCIPAL_CACHE_SECONDS })
  }
  if (o.belongs && !o.belongs(principal)) return null

  const now = Date.now()
  if (now >= principal.expiresAt || now - principal.lastSeenAt > o.idleMinutes * 60_000) return null
  if (now - principal.lastSeenAt > LAST_SEEN_WRITE_EVERY_MS) {
    principal = { ...principal, lastSeenAt: now }
    await o.writeLastSeen(principal, new Date(now))
    await tenantCache().setItem(o.key, principal, { ttl: PRINCIPAL_CACHE_SECONDS })
  }
  return principal
}

/** The principal a token stands for within one tenant, or null (unknown, revoked, expired, idle). */
export function principalForToken(tenant: Pick<TenantPublicProfile, 'id' | 'sessionPolicy'>, token: string): Promise<Principal | null> {
  const tokenHash = hashToken(token)
  return cachedSessionPrincipal<Principal>({
    key: principalKey(tokenHash),
    idleMinutes: tenant.sessionPolicy.sessionIdleMinutes,
    load: () => loadPrincipal(tenant.id, tokenHash),
    belongs: p => p.tenantId === tenant.id,
    writeLastSeen: (p, at) => runInTenant(tenant.id, scope => scope.tx.update(sessions).set({ lastSeenAt: at })
      .where(scope.where(sessions, eq(sessions.id, p.sessionId)))),
  })
}

/** Drops a cached principal so its permissions are read again on the next request (every instance). */
export async function forgetPrincipal(tokenHash: string): Promise<void> {
  await tenantCache().removeItem(principalKey(tokenHash))
}

/** Ends one session now: the row is marked revoked and the cached principal dropped (every instance). */
export async function revokeSession(scope: TenantScope, sessionId: string): Promise<void> {
  const [row] = await scope.tx.update(sessions).set({ revokedAt: new Date() })
    .where(scope.where(sessions, eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .returning({ tokenHash: sessions.tokenHash })
  if (row) await forgetPrincipal(row.tokenHash)
}

/** Revokes every open session of a user, optionally keeping one; returns how many ended. */
export async function revokeUserSessions(scope: TenantScope, userId: string, keepSessionId?: string): Promise<number> {
  const open = await scope.tx.select({ id: sessions.id }).from(sessions)
    .where(scope.where(sessions, eq(sessions.userId, userId), isNull(sessions.revokedAt)))
  const ending = open.filter(s => s.id !== keepSessionId)
  for (const s of ending) await revokeSession(scope, s.id)
  return ending.length
}

/**
 * Drops the cached principals of open sessions — one user's, or those of every holder of a role —
 * so their account and permissions are read again on the next request (every instance).
 */
export async function forgetPrincipalsOf(scope: TenantScope, who: { userId: string } | { roleId: string }): Promise<void> {
  const open = await scope.tx.select({ tokenHash: sessions.tokenHash }).from(sessions)
    .innerJoin(users, and(eq(users.tenantId, sessions.tenantId), eq(users.id, sessions.userId)))
    .where(scope.where(sessions, 'userId' in who ? eq(sessions.userId, who.userId) : eq(users.roleId, who.roleId), isNull(sessions.revokedAt)))
  await Promise.all(open.map(s => forgetPrincipal(s.tokenHash)))
}

/**
 * The workspace requires two-factor and this person has not enrolled: they may only enrol (or leave).
 * Not while a super admin impersonates them: the admin signed in with two-factor, and may not enrol for them.
 */
export const mfaEnrolmentPending = (principal: Principal, tenant: Pick<TenantContext, 'requireMfa'>) => tenant.requireMfa && !principal.mfaEnabled && !principal.impersonation

/** What pages may see of the principal. */
export function sessionUser(principal: Principal, tenant: Pick<TenantContext, 'requireMfa'>): SessionUser {
  return {
    id: principal.id,
    email: principal.email,
    name: principal.name,
    role: principal.role,
    permissions: principal.permissions,
    mfaEnrolmentRequired: mfaEnrolmentPending(principal, tenant),
    impersonation: principal.impersonation
      ? { id: principal.impersonation.id, adminName: principal.impersonation.adminName, adminEmail: principal.impersonation.adminEmail, reason: principal.impersonation.reason, expiresAt: principal.impersonation.expiresAt }
      : null,
  }
}
