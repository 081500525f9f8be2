import { sql } from 'drizzle-orm'
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
  // The log's order (newest first, id breaking ties; read backwards) under each of its filters, so a page is read
  // from an index in order and counted from it (server/services/workspace/audit.ts).
  index('audit_log_tenant_created_idx').on(t.tenantId, t.createdAt, t.id),
  index('audit_log_tenant_action_idx').on(t.tenantId, t.action, t.createdAt, t.id),
  index('audit_log_tenant_actor_idx').on(t.tenantId, t.actorId, t.createdAt, t.id),
  index('audit_log_tenant_impersonation_idx').on(t.tenantId, t.createdAt, t.id)
    .where(sql`impersonated_by is not null or action like 'impersonation.%'`),
  index('audit_log_tenant_entity_idx').on(t.tenantId, t.entityType, t.entityId),
  // "What did this request do?": support staff follow a request id from logs to the audit trail.
  index('audit_log_tenant_request_idx').on(t.tenantId, t.requestId),
])

export type AuditEntry = typeof auditLog.$inferSelect
export type NewAuditEntry = typeof auditLog.$inferInsert
