import { and, desc, eq, gt, isNull } from 'drizzle-orm'
import { sessions } from '#drizzle/schema'
import type { MySession } from '#shared/auth'
import type { Principal } from '#server/utils/session'
import type { TenantScope } from '#server/utils/tenant-db'
import { closeImpersonation } from './impersonation'

/** The signed-in person's open sessions, the current one first. */
export async function listMySessions(scope: TenantScope, principal: Principal): Promise<MySession[]> {
  const rows = await scope.tx.select().from(sessions)
    .where(scope.where(sessions, eq(sessions.userId, principal.id), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.lastSeenAt))
  return rows
    .map(s => ({
      id: s.id,
      current: s.id === principal.sessionId,
      ip: s.ip,
      userAgent: s.userAgent,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: (s.id === principal.sessionId ? new Date(principal.lastSeenAt) : s.lastSeenAt).toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      impersonated: !!s.impersonationId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current))
}

/** Signs one of one's own sessions out (another device); someone else's session is a 404. */
export async function endMySession(scope: TenantScope, principal: Principal, sessionId: string): Promise<void> {
  const [own] = await scope.tx.select({ id: sessions.id, impersonationId: sessions.impersonationId }).from(sessions)
    .where(scope.where(sessions, and(eq(sessions.id, sessionId), eq(sessions.userId, principal.id), isNull(sessions.revokedAt)))).limit(1)
  if (!own) throw notFound('No such session')
  await revokeSession(scope, sessionId)
  // The person themselves may end a super admin's impersonation of them: it is over, not only this session.
  if (own.impersonationId) await closeImpersonation(scope.tx, own.impersonationId)
  await scope.audit({ action: 'auth.session_ended', entityType: 'session', entityId: sessionId })
}

/** "Sign out everywhere": ends every session of the signed-in person, the current one included; returns how many. */
export async function endAllMySessions(scope: TenantScope, principal: Principal): Promise<number> {
  const revoked = await revokeUserSessions(scope, principal.id)
  await scope.audit({ action: 'auth.signed_out_everywhere', entityType: 'user', entityId: principal.id, after: { revoked } })
  return revoked
}
