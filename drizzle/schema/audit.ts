import { foreignKey, index, pgTable, primaryKey } from 'drizzle-orm/pg-core'
import { auditColumns, tenantId, tenantRowId } from './columns'
import { tenants } from './platform'

/**
 * Append-only audit log of everything done inside a tenant. Tenant table (RLS); the app role
 * may only insert and read it (grants in the RLS migration).
 */
export const auditLog = pgTable('audit_log', {
  tenantId: tenantId(),
  id: tenantRowId(),
  ...auditColumns(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade'),
  index('audit_log_tenant_created_idx').on(t.tenantId, t.createdAt),
  index('audit_log_tenant_entity_idx').on(t.tenantId, t.entityType, t.entityId),
  // "What did this request do?": support staff follow a request id from logs to the audit trail.
  index('audit_log_tenant_request_idx').on(t.tenantId, t.requestId),
])

export type AuditEntry = typeof auditLog.$inferSelect
export type NewAuditEntry = typeof auditLog.$inferInsert
