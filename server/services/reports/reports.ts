import { and, desc, eq, inArray, or, sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import { reportShares, reports, roles, users } from '#drizzle/schema'
import type { FieldDef } from '#shared/records'
import { RECORDS } from '#shared/records'
import type { ReportDefinition, ReportResult, ReportResultRow, ReportSource, ReportValueType } from '#shared/reports'
import { AUDIT_SOURCE, REPORT_PREVIEW_ROWS, REPORT_SCREEN_ROWS, reportFields } from '#shared/reports'
import { AUDIT_FILTERS } from './audit-source'
import type { Report, ReportCreate, ReportFieldCatalogue, ReportFilterDef, ReportFormat, ReportPatch, ReportSummary } from '#shared/schemas/reports'
import type { TenantScope } from '#server/utils/tenant-db'
import type { ReportUser } from '#server/utils/report-access'
import { listCustomFields } from '#server/services/crm/records/custom-fields'
import type { CompiledReport } from './query'
import { compileReport } from './query'
import type { Writable } from 'node:stream'
import type { ReportFile } from './files'
import { writeReportFile } from './files'
import type { TenantContext } from '#server/utils/tenant'
import { aggregateColumn, assertWithinRowLimit, detailCount, detailPages, groupedTable, runReport } from './run'

/**
 * Saved reports: private to their author, shared with roles, or open to everyone in the workspace
 * who reads reports. Their author, or anyone with `reports:admin`, changes them; anyone else who
 * cannot see one gets a 404, so a report's existence never leaks. A definition is checked against
 * its author's permissions when saved; when someone else opens it, columns over data their role
 * cannot read are left out (and named), and rows follow their own visibility.
 */

/** Whether the person changes every report and schedule, not only their own. */
export const isReportsAdmin = (user: ReportUser) => user.permissions.includes('reports:admin')

function visibleReports(scope: TenantScope, user: Pick<ReportUser, 'userId'>): SQL {
  return or(
    eq(reports.ownerId, user.userId),
    eq(reports.visibility, 'workspace'),
    and(eq(reports.visibility, 'roles'), sql`exists (select 1 from ${reportShares} s join ${users} u on u.tenant_id = s.tenant_id and u.role_id = s.role_id
      where s.tenant_id = ${scope.tenantId} and s.report_id = ${reports.id} and u.id = ${user.userId})`),
  )!
}

const columns = {
  id: reports.id,
  name: reports.name,
  description: reports.description,
  template: reports.template,
  ownerId: reports.ownerId,
  ownerName: users.name,
  definition: reports.definition,
  visibility: reports.visibility,
  version: reports.version,
  updatedAt: reports.updatedAt,
  sharedRoleKeys: sql<string[]>`coalesce((select array_agg(r.key order by r.key) from ${reportShares} s
    join ${roles} r on r.tenant_id = s.tenant_id and r.id = s.role_id
    where s.tenant_id = ${reports.tenantId} and s.report_id = ${reports.id}), '{}')`,
}

function selectReports(scope: TenantScope) {
  return scope.tx.select(columns).from(reports)
    .leftJoin(users, and(eq(users.tenantId, reports.tenantId), eq(users.id, reports.ownerId)))
}

type Row = Awaited<ReturnType<typeof selectReports>>[number]

function present(row: Row, user: ReportUser): Report {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    source: row.definition.source,
    template: row.template,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    visibility: row.visibility,
    sharedRoleKeys: row.sharedRoleKeys,
    canEdit: row.ownerId === user.userId || isReportsAdmin(user),
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    definition: row.definition,
  }
}

/** Reports the person may open, most recently changed first (a workspace keeps at most a few hundred). */
export async function listReports(scope: TenantScope, user: ReportUser): Promise<ReportSummary[]> {
  const rows = await selectReports(scope)
    .where(scope.where(reports, visibleReports(scope, user)))
    .orderBy(desc(reports.updatedAt), desc(reports.id))
    .limit(500)
  return rows.map((row) => {
    const { definition: _definition, ...summary } = present(row, user)
    return summary
  })
}

export async function getReport(scope: TenantScope, user: ReportUser, id: string): Promise<Report> {
  const [row] = await selectReports(scope).where(scope.where(reports, eq(reports.id, id), visibleReports(scope, user))).limit(1)
  if (!row) throw notFound('No such report')
  return present(row, user)
}

/** Which of these reports the member may open (a dashboard's report widgets are checked so when saved). */
export async function openableReports(scope: TenantScope, userId: string, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set()
  const rows = await scope.tx.select({ id: reports.id }).from(reports)
    .where(scope.where(reports, inArray(reports.id, [...ids]), visibleReports(scope, { userId })))
  return new Set(rows.map(r => r.id))
}

/** Compiles a definition for this person: `strict` when saving or previewing their own work. */
export async function compileFor(scope: TenantScope, user: ReportUser, definition: ReportDefinition, strict: boolean): Promise<CompiledReport> {
  const customDefs = await listCustomFields(scope)
  return compileReport(scope, definition, user, customDefs, strict)
}

/** Refuses sharing with roles the workspace does not have, or `roles` with none; answers the roles' ids. */
async function shareRoles(scope: TenantScope, input: { visibility?: string, sharedRoleKeys?: string[] }): Promise<string[]> {
  const wanted = [...new Set(input.sharedRoleKeys ?? [])]
  if (input.visibility === 'roles' && !wanted.length) throw apiError(400, 'VALIDATION_FAILED', 'Choose at least one role to share the report with', [{ path: 'sharedRoleKeys', message: 'needs at least one role' }])
  const found = wanted.length ? await scope.tx.select({ id: roles.id, key: roles.key }).from(roles).where(scope.where(roles, inArray(roles.key, wanted))) : []
  const missing = wanted.filter(key => !found.some(r => r.key === key))
  if (missing.length) throw apiError(400, 'VALIDATION_FAILED', `There is no role "${missing[0]}" in this workspace`, [{ path: 'sharedRoleKeys', message: `no role "${missing[0]}"` }])
  return found.map(r => r.id)
}

async function replaceShares(scope: TenantScope, reportId: string, roleIds: string[]) {
  await scope.tx.delete(reportShares).where(scope.where(reportShares, eq(reportShares.reportId, reportId)))
  if (roleIds.length) await scope.tx.insert(reportShares).values(scope.values(reportShares, roleIds.map(roleId => ({ reportId, roleId }))))
}

export async function createReport(scope: TenantScope, user: ReportUser, input: ReportCreate): Promise<Report> {
  await compileFor(scope, user, input.definition, true)
  const roleIds = await shareRoles(scope, input)
  const [row] = await scope.tx.insert(reports).values(scope.values(reports, [{
    name: input.name, description: input.description ?? null, ownerId: user.userId, template: input.template ?? null,
    definition: input.definition, visibility: input.visibility,
  }])).returning({ id: reports.id })
  await replaceShares(scope, row!.id, input.visibility === 'roles' ? roleIds : [])
  await scope.audit({ action: 'report.created', entityType: 'report', entityId: row!.id, after: { name: input.name, source: input.definition.source, visibility: input.visibility, sharedRoleKeys: input.sharedRoleKeys, template: input.template } })
  return getReport(scope, user, row!.id)
}

/** The report for a change: 404 if the person cannot see it, 403 if they may only read it. */
async function editable(scope: TenantScope, user: ReportUser, id: string): Promise<Report> {
  const current = await getReport(scope, user, id)
  if (!current.canEdit) throw apiError(403, 'FORBIDDEN', 'Only its author or a reports admin can change this report')
  return current
}

export async function updateReport(scope: TenantScope, user: ReportUser, id: string, input: ReportPatch): Promise<Report> {
  const current = await editable(scope, user, id)
  if (input.definition) await compileFor(scope, user, input.definition, true)
  const visibility = input.visibility ?? current.visibility
  // Sharing is checked only when it changes: a rename keeps the roles as they are.
  const sharing = !!(input.visibility || input.sharedRoleKeys)
  const roleIds = sharing ? await shareRoles(scope, { visibility, sharedRoleKeys: input.sharedRoleKeys ?? current.sharedRoleKeys }) : []
  const { version, sharedRoleKeys: _keys, ...fields } = input
  // The version check and the bump are one statement, so two saves from the same version cannot both win.
  const [row] = await scope.tx.update(reports).set({ ...fields, version: sql`${reports.version} + 1`, updatedAt: sql`now()` })
    .where(scope.where(reports, eq(reports.id, id), eq(reports.version, version)))
    .returning({ id: reports.id })
  if (!row) {
    throw createError({
      statusCode: 409,
      statusMessage: 'Someone else changed this report after you opened it',
      message: 'Someone else changed this report after you opened it',
      data: { code: 'STALE', current },
    })
  }
  if (sharing) await replaceShares(scope, id, visibility === 'roles' ? roleIds : [])
  await scope.audit({ action: 'report.updated', entityType: 'report', entityId: id, before: { name: current.name, version: current.version, visibility: current.visibility }, after: { changed: Object.keys(input).filter(k => k !== 'version'), visibility } })
  return getReport(scope, user, id)
}

export async function deleteReport(scope: TenantScope, user: ReportUser, id: string): Promise<void> {
  const current = await editable(scope, user, id)
  await scope.tx.delete(reports).where(scope.where(reports, eq(reports.id, id)))
  await scope.audit({ action: 'report.deleted', entityType: 'report', entityId: id, before: { name: current.name, source: current.source } })
}

/** The builder's live preview of an unsaved definition (checked as strictly as a save), or one group's records. */
export async function previewReport(scope: TenantScope, user: ReportUser, definition: ReportDefinition, drill?: (string | null)[]): Promise<ReportResult> {
  const compiled = await compileFor(scope, user, definition, true)
  return runReport(scope, compiled, { cap: REPORT_PREVIEW_ROWS, drill }, user)
}

/** A saved report on screen for this person (their rows, their columns), or one group's records; `rows` fewer (a dashboard widget). */
export async function showReport(scope: TenantScope, user: ReportUser, id: string, drill?: (string | null)[], rows = REPORT_SCREEN_ROWS): Promise<ReportResult & { report: Report }> {
  const report = await getReport(scope, user, id)
  const compiled = await compileFor(scope, user, report.definition, false)
  return { ...await runReport(scope, compiled, { cap: Math.min(rows, REPORT_SCREEN_ROWS), drill }, user), report }
}

/**
 * A saved report as a file for this person: checked whole before the first byte (a report past
 * REPORT_MAX_ROWS is refused, never cut), then its rows read through a cursor as the file is
 * written. Audited as an export. The caller writes it inside this transaction.
 */
export async function reportFile(scope: TenantScope, user: ReportUser, id: string, format: string, maxRows: number): Promise<{ report: Report, file: ReportFile, rows: number, groupColumns: number, chartRows: ReportResultRow[] | null }> {
  const report = await getReport(scope, user, id)
  const compiled = await compileFor(scope, user, report.definition, false)
  const base = { title: report.name, filterSummary: compiled.filterSummary, ranAt: new Date().toISOString(), timeZone: user.timeZone }
  let file: ReportFile
  let rows: number
  let chartRows: ReportResultRow[] | null = null
  if (compiled.groups.length) {
    const table = await groupedTable(scope, compiled, maxRows)
    rows = table.length
    // The chart (PDF) draws first-level groups: the groups themselves, or the subtotals of two levels.
    if (report.definition.chart) chartRows = table.filter(r => r.level === (compiled.groups.length === 1 ? 0 : 1))
    file = { ...base, columns: [...compiled.groups.map(g => g.column), ...compiled.aggregates.map(aggregateColumn)], pages: [table] }
  }
  else {
    rows = await detailCount(scope, compiled)
    assertWithinRowLimit(rows, maxRows)
    const pages = detailPages(scope, compiled, rows)
    file = { ...base, columns: compiled.columns.map(({ sql: _sql, ...c }) => c), pages: (async function* () {
      for await (const page of pages) yield page.map(cells => ({ cells }))
    })() }
  }
  await scope.audit({ action: 'report.exported', entityType: 'report', entityId: id, after: { name: report.name, format, rows } })
  return { report, file, rows, groupColumns: compiled.groups.length, chartRows }
}

export type MadeReportFile = Awaited<ReturnType<typeof reportFile>>

/** Writes a report file made by reportFile to `out` in its format (the PDF in the workspace's brand) and ends it. */
export async function writeReportOutput(out: Writable, format: ReportFormat, made: MadeReportFile, tenant: TenantContext): Promise<void> {
  if (format === 'pdf') {
    // Loaded on the first PDF rather than at start (pdfkit and its fonts are large; most instances rarely make one).
    const { writeReportPdf } = await import('./pdf')
    const brand = { workspace: tenant.name, primary: tenant.theme.primary, locale: tenant.preferences.locale }
    await writeReportPdf(out, made.file, brand, made.rows, made.chartRows, made.groupColumns)
  }
  else {
    await writeReportFile(format, out, made.file)
  }
}

const FILTER_TYPE: Record<string, ReportValueType> = { number: 'number', money: 'money', date: 'date', datetime: 'datetime' }

/** What the builder offers over a record type (its fields, related ones the person reads, and its filters) or the audit log. */
export async function fieldCatalogue(scope: TenantScope, user: ReportUser, source: ReportSource): Promise<ReportFieldCatalogue> {
  if (!user.readable.includes(source)) throw notFound(source === AUDIT_SOURCE ? 'Your role cannot read the audit log' : 'No such record type')
  if (source === AUDIT_SOURCE) return { fields: reportFields(source, [], user.readable), filters: AUDIT_FILTERS }
  const customDefs = await listCustomFields(scope)
  const fields = RECORDS[source].fields as Record<string, FieldDef>
  const filters: ReportFilterDef[] = Object.entries(fields).filter(([, f]) => f.filter).map(([key, f]) => ({
    key, label: f.label, kind: f.filter!, type: FILTER_TYPE[f.kind] ?? 'text', ...(f.options ? { options: f.options } : {}),
  }))
  for (const d of customDefs.filter(c => c.recordType === source)) {
    const range = d.type === 'number' || d.type === 'date'
    filters.push({ key: `cf.${d.key}`, label: d.label, kind: range ? 'range' : 'eq', type: d.type === 'number' ? 'number' : d.type === 'date' ? 'date' : 'text', ...(d.type === 'select' ? { options: d.options } : {}) })
  }
  return { fields: reportFields(source, customDefs, user.readable), filters }
}
