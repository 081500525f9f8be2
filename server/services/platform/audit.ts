import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm'
import { platformAdmins, platformAuditLog, tenants } from '#drizzle/schema'
import type { Page } from '#shared/schemas/members'
import type { PlatformAuditQuery, PlatformAuditRow } from '#shared/schemas/platform-console'
import { auditCsv, boundedCount, newestFirst } from '#server/services/workspace/audit'
import { auditChanges, redact } from '#server/services/workspace/audit-changes'
import type { Db, Tx } from '#server/database/connect'
import type { PlatformScope } from '#server/utils/platform-db'

const startOf = (day: string) => new Date(`${day}T00:00:00Z`)
const endOf = (day: string) => new Date(startOf(day).getTime() + 86_400_000)

/**
 * The filters on platform_audit_log alone: the actor's email and the tenant's slug are resolved to
 * ids first, so a page and its count read one index (action | tenant | actor, created_at, id).
 */
async function filters(db: Db | Tx, q: PlatformAuditQuery) {
  const admins = q.actor ? await db.select({ id: platformAdmins.id }).from(platformAdmins).where(eq(platformAdmins.email, q.actor.toLowerCase())) : []
  const tenant = q.tenant ? (await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, q.tenant)))[0] : undefined
  return and(
    q.action ? eq(platformAuditLog.action, q.action) : undefined,
    q.actor ? inArray(platformAuditLog.actorId, [q.actor, ...admins.map(a => a.id)]) : undefined,
    q.entityType ? eq(platformAuditLog.entityType, q.entityType) : undefined,
    q.entityId ? eq(platformAuditLog.entityId, q.entityId) : undefined,
    q.requestId ? eq(platformAuditLog.requestId, q.requestId) : undefined,
    q.tenant ? (tenant ? eq(platformAuditLog.tenantId, tenant.id) : sql`false`) : undefined,
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

type Selected = Omit<PlatformAuditRow, 'createdAt' | 'tenant' | 'changes'> & { createdAt: Date, tenantSlug: string | null, tenantName: string | null }

/**
 * The platform's audit log, newest first, filtered and paged: the page's ids read from
 * platform_audit_log in index order, then only those rows joined to names; counted up to AUDIT_COUNT_CAP (or just past the page asked for).
 */
export async function listPlatformAudit(q: PlatformAuditQuery): Promise<Page<PlatformAuditRow>> {
  const db = await useDb()
  const where = await filters(db, q)
  const page = db.select({ id: platformAuditLog.id }).from(platformAuditLog).where(where)
    .orderBy(desc(platformAuditLog.createdAt), desc(platformAuditLog.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize).as('page')
  const [rows, total] = await Promise.all([
    db.select(columns).from(page).innerJoin(platformAuditLog, eq(platformAuditLog.id, page.id))
      .leftJoin(platformAdmins, actorJoin).leftJoin(tenants, eq(tenants.id, platformAuditLog.tenantId))
      .orderBy(desc(platformAuditLog.createdAt), desc(platformAuditLog.id)) as Promise<Selected[]>,
    boundedCount(db, platformAuditLog, where, q.page * q.pageSize),
  ])
  return {
    items: rows.map(({ tenantSlug, tenantName, ...r }) => ({
      ...r, createdAt: r.createdAt.toISOString(), before: redact(r.before), after: redact(r.after), changes: auditChanges(r.before, r.after, r.entityType, r.entityId),
      tenant: tenantSlug ? { slug: tenantSlug, name: tenantName! } : null,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  }
}

/**
 * The filtered platform log as CSV text, newest first and complete, a page at a time (formula
 * cells neutralised), with the tenant's slug as a last column. Audit the export before streaming it.
 */
export async function* exportPlatformAuditCsv(scope: PlatformScope, q: PlatformAuditQuery): AsyncGenerator<string> {
  const where = await filters(scope.tx, q)
  const pages = newestFirst(async (after, limit) => base(scope.tx, { ...columns, at: sql<string>`${platformAuditLog.createdAt}::text` })
    .where(and(where, after ? sql`(${platformAuditLog.createdAt}, ${platformAuditLog.id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined))
    .orderBy(desc(platformAuditLog.createdAt), desc(platformAuditLog.id)).limit(limit) as Promise<(Selected & { at: string })[]>)
  let first = true
  for await (const rows of pages) {
    yield auditCsv(rows, r => (r as Selected).tenantSlug ?? '', first)
    first = false
  }
  if (first) yield auditCsv([], () => '', true)
}
