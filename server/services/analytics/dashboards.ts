import { and, desc, eq, inArray, or, sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import { dashboardShares, dashboards, roles, users } from '#drizzle/schema'
import { METRICS } from '#shared/analytics'
import type { Permission } from '#shared/permissions'
import type { Dashboard, DashboardCreate, DashboardPatch, DashboardSummary, SavedWidget } from '#shared/schemas/dashboards'
import { isReportWidget } from '#shared/schemas/dashboards'
import { openableReports } from '#server/services/reports/reports'
import type { TenantScope } from '#server/utils/tenant-db'
import type { TenantActor } from '#server/utils/permissions'

/**
 * Custom dashboards: their author and the members of the roles they are shared with see them;
 * their author, or anyone with `dashboard:admin`, changes them. Everyone else gets a 404, so a
 * dashboard's existence never leaks. Widgets only name catalogue metrics (checked by the zod
 * schema) that the author may read and whose module is on, or saved reports they may open.
 */

export interface DashboardViewer {
  userId: string
  permissions: readonly Permission[]
}

/** The member behind the request (an API key acts for its creator) and their permissions. */
export function dashboardViewer(actor: TenantActor): DashboardViewer {
  return { userId: actor.kind === 'user' ? actor.id : actor.userId, permissions: actor.permissions }
}

const isAdmin = (viewer: DashboardViewer) => viewer.permissions.includes('dashboard:admin')

/** The dashboard is the viewer's own, or shared with the role the viewer holds now. */
function visibleDashboards(scope: TenantScope, viewer: DashboardViewer): SQL {
  return or(
    eq(dashboards.ownerId, viewer.userId),
    sql`exists (select 1 from ${dashboardShares} s join ${users} u on u.tenant_id = s.tenant_id and u.role_id = s.role_id
      where s.tenant_id = ${scope.tenantId} and s.dashboard_id = ${dashboards.id} and u.id = ${viewer.userId})`,
  )!
}

const summaryColumns = {
  id: dashboards.id,
  name: dashboards.name,
  description: dashboards.description,
  ownerId: dashboards.ownerId,
  ownerName: users.name,
  widgets: dashboards.widgets,
  version: dashboards.version,
  updatedAt: dashboards.updatedAt,
  sharedRoleKeys: sql<string[]>`coalesce((select array_agg(r.key order by r.key) from ${dashboardShares} s
    join ${roles} r on r.tenant_id = s.tenant_id and r.id = s.role_id
    where s.tenant_id = ${dashboards.tenantId} and s.dashboard_id = ${dashboards.id}), '{}')`,
}

function selectDashboards(scope: TenantScope) {
  return scope.tx.select(summaryColumns).from(dashboards)
    .leftJoin(users, and(eq(users.tenantId, dashboards.tenantId), eq(users.id, dashboards.ownerId)))
}

type Row = Awaited<ReturnType<typeof selectDashboards>>[number]

function present(row: Row, viewer: DashboardViewer): Dashboard {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    sharedRoleKeys: row.sharedRoleKeys,
    widgetCount: row.widgets.length,
    widgets: row.widgets,
    canEdit: row.ownerId === viewer.userId || isAdmin(viewer),
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  }
}

/** Dashboards the viewer may open, most recently changed first (a workspace keeps at most a few hundred). */
export async function listDashboards(scope: TenantScope, viewer: DashboardViewer): Promise<DashboardSummary[]> {
  const rows = await selectDashboards(scope)
    .where(scope.where(dashboards, visibleDashboards(scope, viewer)))
    .orderBy(desc(dashboards.updatedAt), desc(dashboards.id))
    .limit(500)
  return rows.map((row) => {
    const { widgets: _widgets, ...summary } = present(row, viewer)
    return summary
  })
}

/** One dashboard the viewer may open; anything else (another tenant's, not shared) is a 404. */
export async function getDashboard(scope: TenantScope, viewer: DashboardViewer, id: string): Promise<Dashboard> {
  const [row] = await selectDashboards(scope)
    .where(scope.where(dashboards, eq(dashboards.id, id), visibleDashboards(scope, viewer))).limit(1)
  if (!row) throw notFound('No such dashboard')
  return present(row, viewer)
}

/**
 * Refuses widgets over data the author may not read or whose module is off (400 naming the
 * widget's metric or report), and shares with roles this workspace does not have (400 naming them).
 * Returns the shared roles' ids.
 */
async function checkContent(scope: TenantScope, viewer: DashboardViewer, input: { widgets?: SavedWidget[], sharedRoleKeys?: string[] }, before: readonly SavedWidget[] = []): Promise<string[]> {
  const issues: { path: string, message: string }[] = []
  const features = scope.tenant.features
  // A report widget added (or pointed at another report) names a report the person saving may open
  // now; one already there stays as it is (a dashboard admin may move a widget showing a report
  // private to its author). Whoever views the dashboard sees the report as its own page shows it
  // to them, or the reason they cannot.
  const kept = new Set(before.filter(isReportWidget).map(w => `${w.id}:${w.report.id}`))
  const added = (input.widgets ?? []).filter(isReportWidget).filter(w => !kept.has(`${w.id}:${w.report.id}`))
  const reportIds = added.map(w => w.report.id)
  const openable = reportIds.length && features.reports && viewer.permissions.includes('reports:read')
    ? await openableReports(scope, viewer.userId, reportIds)
    : new Set<string>()
  input.widgets?.forEach((widget, i) => {
    if (isReportWidget(widget)) {
      if (!added.includes(widget)) return
      if (!features.reports) issues.push({ path: `widgets.${i}.report.id`, message: 'Reports are off in this workspace' })
      else if (!viewer.permissions.includes('reports:read')) issues.push({ path: `widgets.${i}.report.id`, message: 'Your role cannot read reports' })
      else if (!openable.has(widget.report.id)) issues.push({ path: `widgets.${i}.report.id`, message: `${widget.title}: no report you can open has this id` })
      return
    }
    const metric = METRICS[widget.query!.metric]
    if (!features[metric.feature]) issues.push({ path: `widgets.${i}.query.metric`, message: `${metric.label} needs a module that is off in this workspace` })
    else if (!viewer.permissions.includes(`${metric.resource}:read`)) issues.push({ path: `widgets.${i}.query.metric`, message: `Your role cannot read the data behind ${metric.label.toLowerCase()}` })
  })
  const wanted = [...new Set(input.sharedRoleKeys ?? [])]
  const found = wanted.length ? await scope.tx.select({ id: roles.id, key: roles.key }).from(roles).where(scope.where(roles, inArray(roles.key, wanted))) : []
  const known = new Set(found.map(r => r.key))
  for (const key of wanted) {
    if (!known.has(key)) issues.push({ path: 'sharedRoleKeys', message: `There is no role "${key}" in this workspace` })
  }
  if (issues.length) throw apiError(400, 'VALIDATION_FAILED', issues[0]!.message, issues)
  return found.map(r => r.id)
}

async function replaceShares(scope: TenantScope, dashboardId: string, roleIds: string[]) {
  await scope.tx.delete(dashboardShares).where(scope.where(dashboardShares, eq(dashboardShares.dashboardId, dashboardId)))
  if (roleIds.length) await scope.tx.insert(dashboardShares).values(scope.values(dashboardShares, roleIds.map(roleId => ({ dashboardId, roleId }))))
}

export async function createDashboard(scope: TenantScope, viewer: DashboardViewer, input: DashboardCreate): Promise<Dashboard> {
  const roleIds = await checkContent(scope, viewer, input)
  const [row] = await scope.tx.insert(dashboards).values(scope.values(dashboards, [{
    name: input.name, description: input.description ?? null, ownerId: viewer.userId, widgets: input.widgets,
  }])).returning({ id: dashboards.id })
  await replaceShares(scope, row!.id, roleIds)
  await scope.audit({ action: 'dashboard.created', entityType: 'dashboard', entityId: row!.id, after: { name: input.name, widgets: input.widgets.length, sharedRoleKeys: input.sharedRoleKeys } })
  if (input.sharedRoleKeys?.length) await scope.emit('dashboard.shared', { dashboard: { id: row!.id, name: input.name }, sharedRoleKeys: input.sharedRoleKeys })
  return getDashboard(scope, viewer, row!.id)
}

/** The dashboard for a change: 404 if the viewer cannot see it, 403 if they may only view it. */
async function editable(scope: TenantScope, viewer: DashboardViewer, id: string): Promise<Dashboard> {
  const current = await getDashboard(scope, viewer, id)
  if (!current.canEdit) throw apiError(403, 'FORBIDDEN', 'Only its author or a dashboard admin can change this dashboard')
  return current
}

export async function updateDashboard(scope: TenantScope, viewer: DashboardViewer, id: string, input: DashboardPatch): Promise<Dashboard> {
  const current = await editable(scope, viewer, id)
  const roleIds = await checkContent(scope, viewer, input, current.widgets)
  const { version, sharedRoleKeys, ...fields } = input
  // The version check and the bump are one statement, so two saves from the same version cannot both win.
  const [row] = await scope.tx.update(dashboards).set({ ...fields, version: sql`${dashboards.version} + 1` })
    .where(scope.where(dashboards, eq(dashboards.id, id), eq(dashboards.version, version)))
    .returning({ id: dashboards.id })
  if (!row) {
    throw createError({
      statusCode: 409,
      statusMessage: 'Someone else changed this dashboard after you opened it',
      message: 'Someone else changed this dashboard after you opened it',
      data: { code: 'STALE', current },
    })
  }
  if (sharedRoleKeys) await replaceShares(scope, id, roleIds)
  const changed = Object.keys(input).filter(k => k !== 'version')
  await scope.audit({ action: 'dashboard.updated', entityType: 'dashboard', entityId: id, before: { name: current.name, version: current.version }, after: { changed, ...(sharedRoleKeys ? { sharedRoleKeys } : {}) } })
  // Shared with a role it was not shared with before: those people can see it now.
  const added = (sharedRoleKeys ?? []).filter(key => !(current.sharedRoleKeys ?? []).includes(key))
  if (added.length) await scope.emit('dashboard.shared', { dashboard: { id, name: input.name ?? current.name }, sharedRoleKeys: sharedRoleKeys! })
  return getDashboard(scope, viewer, id)
}

export async function deleteDashboard(scope: TenantScope, viewer: DashboardViewer, id: string): Promise<void> {
  const current = await editable(scope, viewer, id)
  await scope.tx.delete(dashboards).where(scope.where(dashboards, eq(dashboards.id, id)))
  await scope.audit({ action: 'dashboard.deleted', entityType: 'dashboard', entityId: id, before: { name: current.name, widgets: current.widgetCount } })
}
