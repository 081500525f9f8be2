import { foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import { tenantId, tenantRowId } from './columns'
import { tenants } from './platform'

/**
 * Append-only audit log of everything done inside a tenant. Tenant table (RLS); the app role
 * may only insert and read it (grants in the RLS migration).
 */
export const auditLog = pgTable('audit_log', {
  tenantId: tenantId(),
  id: tenantRowId(),
  actorType: text('actor_type').notNull(),
  actorId: text('actor_id'),
  action: text('action').notNull(),
  entityType: text('entity_type'),
  entityId: text('entity_id'),
  before: jsonb('before'),
  after: jsonb('after'),
  ip: text('ip'),
  requestId: text('request_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade'),
  index('audit_log_tenant_created_idx').on(t.tenantId, t.createdAt),
  index('audit_log_tenant_entity_idx').on(t.tenantId, t.entityType, t.entityId),
])

export type AuditEntry = typeof auditLog.$inferSelect
export type NewAuditEntry = typeof auditLog.$inferInsert
