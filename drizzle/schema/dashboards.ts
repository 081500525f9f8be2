import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import type { SavedWidget } from '../../shared/schemas/dashboards'
import type { ReportDefinition, ReportVisibility } from '../../shared/reports'
import { tenantId, tenantRowId, timestamps } from './columns'
import { roles } from './identity'
import { tenants } from './platform'

// Custom dashboards (issue 9): a person's grid of widgets, shared with roles. The author's
// foreign key (`ON DELETE SET NULL (owner_id)`, written in 0027's SQL) keeps a dashboard that
// others use when its author leaves; admins can still edit it.

export const dashboards = pgTable('dashboards', {
  tenantId: tenantId(),
  id: tenantRowId(),
  name: text('name').notNull(),
  description: text('description'),
  ownerId: uuid('owner_id'),
  /** The widgets with their saved queries and grid places, validated by widgetSchema on every write. */
  widgets: jsonb('widgets').$type<SavedWidget[]>().notNull().default([]),
  /** Bumped by every update; a PATCH names the version it read and gets 409 when it moved on. */
  version: integer('version').notNull().default(1),
  ...timestamps,
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade'),
  index('dashboards_tenant_owner_idx').on(t.tenantId, t.ownerId),
])

/** Which roles' members may view a dashboard; a deleted role or dashboard takes its shares with it. */
export const dashboardShares = pgTable('dashboard_shares', {
  tenantId: tenantId(),
  dashboardId: uuid('dashboard_id').notNull(),
  roleId: uuid('role_id').notNull(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.dashboardId, t.roleId] }),
  foreignKey({ columns: [t.tenantId, t.dashboardId], foreignColumns: [dashboards.tenantId, dashboards.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.tenantId, t.roleId], foreignColumns: [roles.tenantId, roles.id] }).onDelete('cascade'),
  index('dashboard_shares_tenant_role_idx').on(t.tenantId, t.roleId),
])

// Reports (issue 23): a saved report definition (shared/reports.ts), validated on every write,
// private to its author, shared with roles, or open to the workspace. The author's foreign key
// (`ON DELETE SET NULL (owner_id)`, in 0045's SQL) keeps a report others use when its author leaves.
export const reports = pgTable('reports', {
  tenantId: tenantId(),
  id: tenantRowId(),
  name: text('name').notNull(),
  description: text('description'),
  ownerId: uuid('owner_id'),
  /** The template it was started from, if any (shared/report-templates.ts). */
  template: text('template'),
  definition: jsonb('definition').$type<ReportDefinition>().notNull(),
  visibility: text('visibility').$type<ReportVisibility>().notNull().default('private'),
  version: integer('version').notNull().default(1),
  ...timestamps,
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade'),
  index('reports_tenant_owner_idx').on(t.tenantId, t.ownerId),
])

/** The roles a report with visibility `roles` is shared with. */
export const reportShares = pgTable('report_shares', {
  tenantId: tenantId(),
  reportId: uuid('report_id').notNull(),
  roleId: uuid('role_id').notNull(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.reportId, t.roleId] }),
  foreignKey({ columns: [t.tenantId, t.reportId], foreignColumns: [reports.tenantId, reports.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.tenantId, t.roleId], foreignColumns: [roles.tenantId, roles.id] }).onDelete('cascade'),
  index('report_shares_tenant_role_idx').on(t.tenantId, t.roleId),
])
