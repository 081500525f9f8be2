import { and, asc, count, desc, eq, gte, isNotNull, like, lt, or, sql } from 'drizzle-orm'
import { stringify } from 'csv-stringify/sync'
import { auditLog, platformAdmins, users } from '#drizzle/schema'
import type { AuditQuery, AuditRow } from '#shared/schemas/audit'
import type { Page } from '#shared/schemas/members'
import type { TenantScope } from '#server/utils/tenant-db'

const nextDay = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d
}

function filters(scope: TenantScope, q: AuditQuery) {
  return scope.where(auditLog,
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.actor ? sql`(${auditLog.actorId} = ${q.actor} or ${users.email} = ${q.actor.toLowerCase()})` : undefined,
    q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
    q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
    q.requestId ? eq(auditLog.requestId, q.requestId) : undefined,
    q.from ? gte(auditLog.createdAt, new Date(`${q.from}T00:00:00Z`)) : undefined,
    q.to ? lt(auditLog.createdAt, nextDay(q.to)) : undefined,
    q.impersonation ? or(isNotNull(auditLog.impersonatedBy), like(auditLog.action, 'impersonation.%')) : undefined)
}

const actorJoin = and(eq(users.tenantId, auditLog.tenantId), sql`${users.id}::text = ${auditLog.actorId}`)
// The super admin behind an entry: the one impersonating, or the one acting from the console.
const adminJoin = sql`${platformAdmins.id}::text = coalesce(${auditLog.impersonatedBy}, case when ${auditLog.actorType} = 'platform_admin' then ${auditLog.actorId} end)`

const columns = {
  id: auditLog.id, createdAt: auditLog.createdAt, actorType: auditLog.actorType, actorId: auditLog.actorId,
  actorEmail: users.email, action: auditLog.action, entityType: auditLog.entityType, entityId: auditLog.entityId,
  before: auditLog.before, after: auditLog.after, ip: auditLog.ip, requestId: auditLog.requestId,
  impersonatedBy: auditLog.impersonatedBy, adminName: platformAdmins.name,
}

type Selected = Omit<AuditRow, 'createdAt'> & { createdAt: Date }
const toRow = (r: Selected): AuditRow => ({ ...r, createdAt: r.createdAt.toISOString() })

/** The tenant's audit log, newest first, filtered and paged. */
export async function listAudit(scope: TenantScope, q: AuditQuery): Promise<Page<AuditRow>> {
  const where = filters(scope, q)
  const [rows, [total]] = await Promise.all([
    scope.tx.select(columns).from(auditLog).leftJoin(users, actorJoin).leftJoin(platformAdmins, adminJoin).where(where)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    scope.tx.select({ n: count() }).from(auditLog).leftJoin(users, actorJoin).where(where),
  ])
  return { items: rows.map(toRow), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize }
}

/** At most this many rows per CSV export (a background export comes with the jobs runner). */
export const AUDIT_EXPORT_MAX = 50_000

/**
 * The filtered log as CSV, oldest first; cells that a spreadsheet would run as formulas are
 * neutralised. The export itself is audited (after the read: it does not list itself).
 */
export async function exportAuditCsv(scope: TenantScope, q: AuditQuery): Promise<string> {
  const rows = await scope.tx.select(columns).from(auditLog).leftJoin(users, actorJoin).leftJoin(platformAdmins, adminJoin).where(filters(scope, q))
    .orderBy(asc(auditLog.createdAt), asc(auditLog.id)).limit(AUDIT_EXPORT_MAX)
  await scope.audit({ action: 'audit.exported', entityType: 'audit_log', after: { filters: q } })
  return auditCsv(rows)
}

/**
 * CSV of audit rows; a cell starting with =, +, -, @, tab or CR is prefixed so spreadsheets show it
 * as text. `tenant`, when given, adds a last column (the platform's log names the tenant of each entry).
 */
export function auditCsv(rows: Selected[], tenant?: (row: Selected) => string): string {
  return stringify(rows.map(r => [
    r.createdAt.toISOString(), r.actorType, r.actorId ?? '', r.actorEmail ?? '', r.action, r.entityType ?? '', r.entityId ?? '',
    r.before === null ? '' : JSON.stringify(r.before), r.after === null ? '' : JSON.stringify(r.after), r.ip ?? '', r.requestId ?? '',
    r.impersonatedBy ? (r.adminName ?? r.impersonatedBy) : '',
    ...(tenant ? [tenant(r)] : []),
  ]), {
    header: true,
    columns: ['time', 'actor_type', 'actor_id', 'actor_email', 'action', 'entity_type', 'entity_id', 'before', 'after', 'ip', 'request_id', 'impersonated_by', ...(tenant ? ['tenant'] : [])],
    escape_formulas: true,
  })
}
