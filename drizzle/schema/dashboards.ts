import { sql } from 'drizzle-orm'
import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import type { Cadence, ReportRunStatus } from '../../shared/report-schedules'
import type { ReportFormat } from '../../shared/schemas/reports'
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

/**
 * When a saved report runs by itself and where its file goes (shared/report-schedules.ts). It runs
 * as the person who made it (their rows and columns); `next_run_at` is the next time the cadence
 * fires in its zone, moved on when a run is claimed, so a missed run runs once, not once per miss.
 */
export const reportSchedules = pgTable('report_schedules', {
  tenantId: tenantId(),
  id: tenantRowId(),
  reportId: uuid('report_id').notNull(),
  createdBy: uuid('created_by'),
  cadence: jsonb('cadence').$type<Cadence>().notNull(),
  /** Null: the workspace's zone at each run. */
  timeZone: text('time_zone'),
  format: text('format').$type<ReportFormat>().notNull(),
  skipEmpty: boolean('skip_empty').notNull().default(false),
  recipients: text('recipients').array().notNull().default([]),
  linkOnly: boolean('link_only').notNull().default(false),
  webhook: boolean('webhook').notNull().default(false),
  /** Also put each file into the workspace's own bucket (report_buckets). */
  bucket: boolean('bucket').notNull().default(false),
  enabled: boolean('enabled').notNull().default(true),
  nextRunAt: timestamp('next_run_at', { withTimezone: true }),
  ...timestamps,
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ columns: [t.tenantId, t.reportId], foreignColumns: [reports.tenantId, reports.id] }).onDelete('cascade'),
  index('report_schedules_tenant_report_idx').on(t.tenantId, t.reportId),
  index('report_schedules_due_idx').on(t.tenantId, t.nextRunAt).where(sql`enabled`),
])

/**
 * One run of a report schedule (or a "send now"), with what it delivered. A scheduled run is
 * unique per (schedule, due time): a retried job or a second instance finds it and does nothing.
 */
export const reportRuns = pgTable('report_runs', {
  tenantId: tenantId(),
  id: tenantRowId(),
  reportId: uuid('report_id').notNull(),
  scheduleId: uuid('schedule_id'),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  manual: boolean('manual').notNull().default(false),
  status: text('status').$type<ReportRunStatus>().notNull().default('queued'),
  format: text('format').$type<ReportFormat>().notNull(),
  rows: integer('rows'),
  sizeBytes: integer('size_bytes'),
  durationMs: integer('duration_ms'),
  error: text('error'),
  delivered: text('delivered').array().notNull().default([]),
  /** Blob key of the file while it is kept (REPORT_FILE_DAYS); null once pruned or never made. */
  storageKey: text('storage_key'),
  fileName: text('file_name'),
  /** SHA-256 of the secret in the file's link (mail, webhook event); the link works while the file is kept. */
  linkTokenHash: text('link_token_hash'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ columns: [t.tenantId, t.reportId], foreignColumns: [reports.tenantId, reports.id] }).onDelete('cascade'),
  uniqueIndex('report_runs_schedule_due_idx').on(t.tenantId, t.scheduleId, t.dueAt),
  index('report_runs_tenant_report_idx').on(t.tenantId, t.reportId, t.startedAt),
  // The sweep's and the job's question: runs waiting or being made (a handful among many finished).
  index('report_runs_open_idx').on(t.tenantId, t.startedAt).where(sql`status in ('queued', 'running')`),
])

/**
 * A workspace's own S3-compatible bucket, where report schedules may put their files (one per
 * workspace). The secret key is sealed with the platform's key (server/utils/secret-box.ts) and
 * never leaves the server.
 */
export const reportBuckets = pgTable('report_buckets', {
  tenantId: tenantId(),
  endpoint: text('endpoint').notNull(),
  bucket: text('bucket').notNull(),
  region: text('region').notNull(),
  prefix: text('prefix').notNull().default(''),
  accessKeyId: text('access_key_id').notNull(),
  secretEnc: text('secret_enc').notNull(),
  /** The last test or upload: when it worked, or what the bucket answered. */
  checkedAt: timestamp('checked_at', { withTimezone: true }),
  lastError: text('last_error'),
  ...timestamps,
}, t => [
  primaryKey({ columns: [t.tenantId] }),
  foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade'),
])
