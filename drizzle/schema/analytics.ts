import { bigint, foreignKey, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { tenantId } from './columns'
import { tenants } from './platform'

/**
 * One counter per tenant and analytics source (deals, leads, tickets, …, and `members` for
 * names and teams): it moves on every write to that source, bumped by triggers in the writing
 * transaction (0028; at commit for records and timeline since 0032), whatever the write path.
 * Dashboards cache results under it and poll it to refetch only what changed. Tenant table (RLS).
 */
export const analyticsRevisions = pgTable('analytics_revisions', {
  tenantId: tenantId(),
  source: text('source').notNull(),
  /** Microseconds since the epoch of the last write, or one more than the previous value: unique across restores. */
  revision: bigint('revision', { mode: 'number' }).notNull().default(0),
}, t => [
  primaryKey({ columns: [t.tenantId, t.source] }),
  foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade'),
])

export type AnalyticsRevision = typeof analyticsRevisions.$inferSelect
