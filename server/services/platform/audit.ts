import { and, count, desc, eq, gte, lt, sql } from 'drizzle-orm'
import { platformAdmins, platformAuditLog, tenants } from '#drizzle/schema'
import type { Page } from '#shared/schemas/members'
import type { PlatformAuditQuery, PlatformAuditRow } from '#shared/schemas/platform-console'
import { auditCsv, newestFirst } from '#server/services/workspace/audit'
import type { Db, Tx } from '#server/database/connect'
import type { PlatformScope } from '#server/utils/platform-db'

const startOf = (day: string) => new Date(`${day}T00:00:00Z`)
const endOf = (day: string) => new Date(startOf(day).getTime() + 86_400_000)

function filters(q: PlatformAuditQuery) {
  return and(
    q.action ? eq(platformAuditLog.action, q.action) : undefined,
    q.actor ? sql`(${platformAuditLog.actorId} = ${q.actor} or ${platformAdmins.email} = ${q.actor.toLowerCase()})` : undefined,
    q.entityType ? eq(platformAuditLog.entityType, q.entityType) : undefined,
    q.entityId ? eq(platformAuditLog.entityId, q.entityId) : undefined,
    q.requestId ? eq(platformAuditLog.requestId, q.requestId) : undefined,
    q.tenant ? eq(tenants.slug, q.tenant) : undefined,
    q.from ? gte(platformAuditLog.createdAt, startOf(q.from)) : undefined,
    q.to ? lt(platformAuditLog.createdAt, endOf(q.to)) : undefined,
  )
}

// Super admins are named by email; the tenant by slug and name (a purged tenant's entries keep their id, with no name).
const actorJoin = and(eq(platformAuditLog.actorType, 'platform_admin'), sql`${platformAdmins.id}::text = ${platformAuditLog.actorId}`)
const columns = {
  id: platformAuditLog.id, createdAt: platformAuditLog.createdAt, actorType: platformAuditLog.actorType, actorId: platformAuditLog.actorId,
  actorEmail: platformAdmins.email, action: platformAuditLog.action, entityType: platformAuditLog.entityType, entityId: platformAuditLog.entityId,
  before: platformAuditLog.before, after: platformAuditLog.after, ip: platformAuditLog.ip, requestId: platformAuditLog.requestId,
  impersonatedBy: platformAuditLog.impersonatedBy, adminName: platformAdmins.name,
  tenantSlug: tenants.slug, tenantName: tenants.name,
}

function base<T extends Record<string, unknown>>(db: Db | Tx, select: T) {
  return db.select(select as never).from(platformAuditLog)
    .leftJoin(platformAdmins, actorJoin)
    .leftJoin(tenants, eq(tenants.id, platformAuditLog.tenantId))
}

type Selected = Omit<PlatformAuditRow, 'createdAt' | 'tenant'> & { createdAt: Date, tenantSlug: string | null, tenantName: string | null }

/** The platform's audit log, newest first, filtered and paged. */
export async function listPlatformAudit(q: PlatformAuditQuery): Promise<Page<PlatformAuditRow>> {
  const db = await useDb()
  const where = filters(q)
  const [rows, [total]] = await Promise.all([
    base(db, columns).where(where).orderBy(desc(platformAuditLog.createdAt), desc(platformAuditLog.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize) as Promise<Selected[]>,
    base(db, { n: count() }).where(where) as Promise<{ n: number }[]>,
  ])
  return {
    items: rows.map(({ tenantSlug, tenantName, ...r }) => ({ ...r, createdAt: r.createdAt.toISOString(), tenant: tenantSlug ? { slug: tenantSlug, name: tenantName! } : null })),
    total: Number(total?.n ?? 0),
    page: q.page,
    pageSize: q.pageSize,
  }
}

/**
 * The filtered platform log as CSV text, newest first and complete, a page at a time (formula
 * cells neutralised), with the tenant's slug as a last column. Audit the export before streaming it.
 */
export async function* exportPlatformAuditCsv(scope: PlatformScope, q: PlatformAuditQuery): AsyncGenerator<string> {
  const pages = newestFirst(async (after, limit) => base(scope.tx, { ...columns, at: sql<string>`${platformAuditLog.createdAt}::text` })
    .where(and(filters(q), after ? sql`(${platformAuditLog.createdAt}, ${platformAuditLog.id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined))
    .orderBy(desc(platformAuditLog.createdAt), desc(platformAuditLog.id)).limit(limit) as Promise<(Selected & { at: string })[]>)
  let first = true
  for await (const rows of pages) {
    yield auditCsv(rows, r => (r as Selected).tenantSlug ?? '', first)
    first = false
  }
  if (first) yield auditCsv([], () => '', true)
}
