import { and, count, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import { stringify } from 'csv-stringify/sync'
import type { platformAuditLog } from '#drizzle/schema'
import { auditLog, platformAdmins, users } from '#drizzle/schema'
import { AUDIT_COUNT_CAP } from '#shared/schemas/audit'
import type { AuditQuery, AuditRow } from '#shared/schemas/audit'
import type { Page } from '#shared/schemas/members'
import type { Db, Tx } from '#server/database/connect'
import type { TenantScope } from '#server/utils/tenant-db'
import { auditChanges, redact } from './audit-changes'

const nextDay = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d
}

/** Rows written by who `q.actor` names: their id as given, or the members with that email. */
async function actorIds(scope: TenantScope, actor: string): Promise<string[]> {
  const found = await scope.tx.select({ id: users.id }).from(users).where(scope.where(users, eq(users.email, actor.toLowerCase())))
  return [actor, ...found.map(u => u.id)]
}

// Literal (not a parameter), so it matches the partial index audit_log_tenant_impersonation_idx.
const byImpersonation = sql`(${auditLog.impersonatedBy} is not null or ${auditLog.action} like 'impersonation.%')`

/** The filters on audit_log alone (the actor resolved to ids first), so pages and counts read one index. */
async function filters(scope: TenantScope, q: AuditQuery) {
  return scope.where(auditLog,
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.actor ? inArray(auditLog.actorId, await actorIds(scope, q.actor)) : undefined,
    q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
    q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
    q.requestId ? eq(auditLog.requestId, q.requestId) : undefined,
    q.from ? gte(auditLog.createdAt, new Date(`${q.from}T00:00:00Z`)) : undefined,
    q.to ? lt(auditLog.createdAt, nextDay(q.to)) : undefined,
    q.impersonation ? byImpersonation : undefined)
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

type Selected = Omit<AuditRow, 'createdAt' | 'changes'> & { createdAt: Date }
const toRow = (r: Selected): AuditRow => ({
  ...r, createdAt: r.createdAt.toISOString(), before: redact(r.before), after: redact(r.after), changes: auditChanges(r.before, r.after, r.entityType, r.entityId),
})

/**
 * The tenant's audit log, newest first, filtered and paged. The page's ids come from audit_log
 * alone, read in index order (tenant, [action | actor,] created_at, id); only those rows are
 * joined to names. The total is counted up to AUDIT_COUNT_CAP (or just past the page asked for).
 */
export async function listAudit(scope: TenantScope, q: AuditQuery): Promise<Page<AuditRow>> {
  const where = await filters(scope, q)
  const page = scope.tx.select({ id: auditLog.id }).from(auditLog).where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize).as('page')
  const [rows, total] = await Promise.all([
    scope.tx.select(columns).from(page)
      .innerJoin(auditLog, and(eq(auditLog.tenantId, scope.tenantId), eq(auditLog.id, page.id)))
      .leftJoin(users, actorJoin).leftJoin(platformAdmins, adminJoin)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id)),
    boundedCount(scope.tx, auditLog, where, q.page * q.pageSize),
  ])
  return { items: rows.map(toRow), total, page: q.page, pageSize: q.pageSize }
}

/**
 * The audit log for the public API: newest first, `limit` entries after the cursor (the previous
 * page's last time and id), so entries written while a client pages never repeat or shift a page.
 */
export async function auditPageAfter(scope: TenantScope, q: Omit<AuditQuery, 'page' | 'pageSize'>, cursor: string | null, limit: number): Promise<{ items: AuditRow[], nextCursor: string | null }> {
  const [at, id] = cursor ? keysetCursor.decode(cursor, isTimeAndId) : []
  const after = at && id ? { at, id } : null
  const where = await filters(scope, { ...q, page: 1, pageSize: limit })
  const rows = await scope.tx.select({ ...columns, at: sql<string>`${auditLog.createdAt}::text` })
    .from(auditLog).leftJoin(users, actorJoin).leftJoin(platformAdmins, adminJoin)
    .where(and(where, after ? sql`(${auditLog.createdAt}, ${auditLog.id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id)).limit(limit + 1)
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map(({ at: _at, ...row }) => toRow(row)),
    nextCursor: rows.length > limit && last ? keysetCursor.encode([last.at, last.id]) : null,
  }
}

/**
 * How many rows of `table` match `where`, counted no further than one past AUDIT_COUNT_CAP or past
 * `upTo` (the end of the page shown), so a big log is not counted whole and the pager still offers
 * the next page.
 */
export async function boundedCount(tx: Tx | Db, table: typeof auditLog | typeof platformAuditLog, where: SQL | undefined, upTo: number): Promise<number> {
  const capped = tx.select({ one: sql`1` }).from(table).where(where).limit(Math.max(AUDIT_COUNT_CAP, upTo) + 1).as('capped')
  const [row] = await tx.select({ n: count() }).from(capped)
  return Number(row?.n ?? 0)
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
  const where = await filters(scope, q)
  const pages = newestFirst(async (after, limit) => scope.tx.select({ ...columns, at: sql<string>`${auditLog.createdAt}::text` })
    .from(auditLog).leftJoin(users, actorJoin).leftJoin(platformAdmins, adminJoin)
    .where(and(where, after ? sql`(${auditLog.createdAt}, ${auditLog.id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined))
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
    r.before === null ? '' : JSON.stringify(redact(r.before)), r.after === null ? '' : JSON.stringify(redact(r.after)), r.ip ?? '', r.requestId ?? '',
    r.impersonatedBy ? (r.adminName ?? r.impersonatedBy) : '',
    ...(tenant ? [tenant(r)] : []),
  ]), {
    header,
    columns: ['time', 'actor_type', 'actor_id', 'actor_email', 'action', 'entity_type', 'entity_id', 'before', 'after', 'ip', 'request_id', 'impersonated_by', ...(tenant ? ['tenant'] : [])],
    escape_formulas: true,
  })
}
