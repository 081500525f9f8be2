import { and, count, desc, eq, gte, isNotNull, like, lt, or, sql } from 'drizzle-orm'
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

/** Rows an export reads at a time. */
const EXPORT_PAGE = 2_000

/** Where a newest-first export stopped: the last row's time in its exact text form (microseconds) and id. */
export interface ExportCursor { at: string, id: string }

/**
 * Every row of an export, newest first, a page at a time: `page(after)` selects the next rows
 * after the cursor, with `at` (the timestamp as text, so none is skipped or repeated). Nothing
 * is cut, and memory holds one page.
 */
export async function* newestFirst<T extends { id: string, at: string }>(page: (after: ExportCursor | null, limit: number) => Promise<T[]>): AsyncGenerator<T[]> {
  let after: ExportCursor | null = null
  for (;;) {
    const rows = await page(after, EXPORT_PAGE)
    if (rows.length) yield rows
    if (rows.length < EXPORT_PAGE) return
    after = { at: rows.at(-1)!.at, id: rows.at(-1)!.id }
  }
}

/**
 * The filtered log as CSV text, newest first and complete, a page at a time (cells a
 * spreadsheet would run as formulas neutralised). Audit the export before streaming it.
 */
export async function* exportAuditCsv(scope: TenantScope, q: AuditQuery): AsyncGenerator<string> {
  const pages = newestFirst(async (after, limit) => scope.tx.select({ ...columns, at: sql<string>`${auditLog.createdAt}::text` })
    .from(auditLog).leftJoin(users, actorJoin).leftJoin(platformAdmins, adminJoin)
    .where(and(filters(scope, q), after ? sql`(${auditLog.createdAt}, ${auditLog.id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id)).limit(limit))
  let first = true
  for await (const rows of pages) {
    yield auditCsv(rows, undefined, first)
    first = false
  }
  if (first) yield auditCsv([], undefined, true)
}

/**
 * CSV of audit rows; a cell starting with =, +, -, @, tab or CR is prefixed so spreadsheets show it
 * as text. `tenant`, when given, adds a last column (the platform's log names the tenant of each entry).
 */
export function auditCsv(rows: Selected[], tenant?: (row: Selected) => string, header = true): string {
  return stringify(rows.map(r => [
    r.createdAt.toISOString(), r.actorType, r.actorId ?? '', r.actorEmail ?? '', r.action, r.entityType ?? '', r.entityId ?? '',
    r.before === null ? '' : JSON.stringify(r.before), r.after === null ? '' : JSON.stringify(r.after), r.ip ?? '', r.requestId ?? '',
    r.impersonatedBy ? (r.adminName ?? r.impersonatedBy) : '',
    ...(tenant ? [tenant(r)] : []),
  ]), {
    header,
    columns: ['time', 'actor_type', 'actor_id', 'actor_email', 'action', 'entity_type', 'entity_id', 'before', 'after', 'ip', 'request_id', 'impersonated_by', ...(tenant ? ['tenant'] : [])],
    escape_formulas: true,
  })
}
