import { bigint, foreignKey, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { tenantId, tenantRowId } from './columns'
import { tenants } from './platform'

export const dataExportStatus = pgEnum('data_export_status', ['queued', 'running', 'ready', 'failed'])

/**
 * An archive of everything a tenant owns, built in the background; the file lives in blob
 * storage under `storage_key` until `expires_at`. Tenant table (RLS).
 */
export const dataExports = pgTable('data_exports', {
  tenantId: tenantId(),
  id: tenantRowId(),
  requestedBy: uuid('requested_by'),
  status: dataExportStatus('status').notNull().default('queued'),
  /** 0–100, for the progress bar. */
  progress: integer('progress').notNull().default(0),
  storageKey: text('storage_key'),
  sizeBytes: bigint('size_bytes', { mode: 'number' }),
  error: text('error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade'),
  index('data_exports_tenant_created_idx').on(t.tenantId, t.createdAt),
])

export type DataExport = typeof dataExports.$inferSelect
