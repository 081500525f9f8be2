import { randomBytes } from 'node:crypto'
import type { H3Event } from 'h3'
import { and, eq, gt, isNull } from 'drizzle-orm'
import { platformAdmins, platformSessions } from '#drizzle/schema'
import type { SessionUser } from '#shared/auth'
import type { Tx } from '#server/database/connect'

// Super admin sessions: the same opaque-token scheme as tenant sessions, kept in platform tables
// and read only on the platform domain (the cache and timeouts are server/utils/session.ts's).
// Their policy is fixed and stricter than any tenant's.
export const PLATFORM_SESSION_IDLE_MINUTES = 30
export const PLATFORM_SESSION_MAX_HOURS = 12

export interface PlatformPrincipal {
  kind: 'platform_admin'
  id: string
  email: string
  name: string
  sessionId: string
  expiresAt: number
  lastSeenAt: number
  /** Two-factor is on. Super admins must have it: without it they may only enrol. */
  mfaEnabled: boolean
}

const principalKey = (tokenHash: string) => `platform-session:${tokenHash}`

/** Starts a super admin session; returns the token (shown once, kept only in the cookie). */
export async function createPlatformSession(request: { clientIp?: string, userAgent: string | null }, adminId: string): Promise<{ token: string, sessionId: string }> {
  const token = randomBytes(32).toString('base64url')
  const db = await useDb()
  const [row] = await db.insert(platformSessions).values({
    tokenHash: hashToken(token),
    adminId,
    ip: request.clientIp ?? null,
    userAgent: request.userAgent,
    expiresAt: new Date(Date.now() + PLATFORM_SESSION_MAX_HOURS * 3600_000),
  }).returning({ id: platformSessions.id })
  await db.update(platformAdmins).set({ lastActiveAt: new Date() }).where(eq(platformAdmins.id, adminId))
  return { token, sessionId: row!.id }
}

async function loadPlatformPrincipal(tokenHash: string): Promise<PlatformPrincipal | null> {
  const db = await useDb()
  const [row] = await db.select({ session: platformSessions, admin: platformAdmins })
    .from(platformSessions)
    .innerJoin(platformAdmins, eq(platformAdmins.id, platformSessions.adminId))
    .where(and(eq(platformSessions.tokenHash, tokenHash), isNull(platformSessions.revokedAt), gt(platformSessions.expiresAt, new Date())))
    .limit(1)
  if (!row || row.admin.status !== 'active') return null
  return {
    kind: 'platform_admin',
    id: row.admin.id,
    email: row.admin.email,
    name: row.admin.name,
    sessionId: row.session.id,
    expiresAt: row.session.expiresAt.getTime(),
    lastSeenAt: row.session.lastSeenAt.getTime(),
    mfaEnabled: !!row.admin.totpEnabledAt,
  }
}

/** The signed-in super admin of this request, or null. Only ever looked up on the platform domain. */
export async function resolvePlatformPrincipal(event: H3Event): Promise<PlatformPrincipal | null> {
  const token = getCookie(event, SESSION_COOKIE)
  if (event.context.site?.kind !== 'platform' || !token || token.length > 128) return null
  return platformPrincipalForToken(token)
}

export function platformPrincipalForToken(token: string): Promise<PlatformPrincipal | null> {
  const tokenHash = hashToken(token)
  return cachedSessionPrincipal<PlatformPrincipal>({
    key: principalKey(tokenHash),
    idleMinutes: PLATFORM_SESSION_IDLE_MINUTES,
    load: () => loadPlatformPrincipal(tokenHash),
    writeLastSeen: async (p, at) => (await useDb()).update(platformSessions).set({ lastSeenAt: at }).where(eq(platformSessions.id, p.sessionId)),
  })
}

/** Ends one super admin session now, on every instance (row revoked, cached principal dropped). */
export async function revokePlatformSession(sessionId: string): Promise<void> {
  const db = await useDb()
  const [row] = await db.update(platformSessions).set({ revokedAt: new Date() })
    .where(and(eq(platformSessions.id, sessionId), isNull(platformSessions.revokedAt)))
    .returning({ tokenHash: platformSessions.tokenHash })
  if (row) await tenantCache().removeItem(principalKey(row.tokenHash))
}

/** What pages see of a super admin: the same shape as a tenant user, with the platform role. */
export function platformSessionUser(principal: PlatformPrincipal): SessionUser {
  return { id: principal.id, email: principal.email, name: principal.name, role: { key: 'super_admin', name: 'Super admin', recordScope: 'all' }, permissions: [], mfaEnrolmentRequired: !principal.mfaEnabled }
}

/** Drops the cached principals of every open session of a super admin (their account changed). */
export async function forgetPlatformAdminPrincipals(adminId: string): Promise<void> {
  const db = await useDb()
  const open = await db.select({ tokenHash: platformSessions.tokenHash }).from(platformSessions)
    .where(and(eq(platformSessions.adminId, adminId), isNull(platformSessions.revokedAt)))
  await Promise.all(open.map(s => tenantCache().removeItem(principalKey(s.tokenHash))))
}

/**
 * Revokes every open session of a super admin inside the caller's transaction (they were disabled
 * or removed); returns the sessions' token hashes, whose cached principals the caller drops with
 * `forgetPlatformSessions` once the transaction has committed.
 */
export async function revokePlatformAdminSessions(tx: Tx, adminId: string): Promise<string[]> {
  const rows = await tx.update(platformSessions).set({ revokedAt: new Date() })
    .where(and(eq(platformSessions.adminId, adminId), isNull(platformSessions.revokedAt)))
    .returning({ tokenHash: platformSessions.tokenHash })
  return rows.map(r => r.tokenHash)
}

/** Drops the cached principals of these super admin sessions, on every instance (shared cache). */
export async function forgetPlatformSessions(tokenHashes: readonly string[]): Promise<void> {
  await Promise.all(tokenHashes.map(h => tenantCache().removeItem(principalKey(h))))
}
