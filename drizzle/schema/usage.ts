import { bigint, date, foreignKey, index, integer, pgEnum, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core'
import { tenantId, timestamps } from './columns'
import { tenants } from './platform'

export const usageMetric = pgEnum('usage_metric', ['api_calls', 'active_users', 'records', 'storage_bytes', 'workflow_runs'])

/** One counter per tenant, day and metric: the basis of usage charts and plan limits. Tenant table (RLS). */
export const usageDaily = pgTable('usage_daily', {
  tenantId: tenantId(),
  day: date('day', { mode: 'string' }).notNull(),
  metric: usageMetric('metric').notNull(),
  value: bigint('value', { mode: 'number' }).notNull().default(0),
  ...timestamps,
}, t => [
  primaryKey({ columns: [t.tenantId, t.metric, t.day] }),
  foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade'),
])

export type UsageDaily = typeof usageDaily.$inferSelect
export type UsageMetric = typeof usageMetric.enumValues[number]

/**
 * The platform's view of each tenant's usage, written by the `usage-rollup` job (tenant tables are
 * behind RLS, so the console cannot count across tenants per request). Platform table, no RLS;
 * as fresh as the last roll-up (`computed_at`).
 */
export const tenantUsageSummary = pgTable('tenant_usage_summary', {
  tenantId: uuid('tenant_id').primaryKey().references(() => tenants.id, { onDelete: 'cascade' }),
  members: integer('members').notNull().default(0),
  activeUsers7d: integer('active_users_7d').notNull().default(0),
  activeUsers30d: integer('active_users_30d').notNull().default(0),
  storageBytes: bigint('storage_bytes', { mode: 'number' }).notNull().default(0),
  apiCalls30d: bigint('api_calls_30d', { mode: 'number' }).notNull().default(0),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  index('tenant_usage_members_idx').on(t.members),
  index('tenant_usage_api_idx').on(t.apiCalls30d),
  index('tenant_usage_storage_idx').on(t.storageBytes),
])

/** Platform-wide totals per day and metric (sums over tenants), for the console's charts; written by the roll-up. */
export const platformUsageDaily = pgTable('platform_usage_daily', {
  day: date('day', { mode: 'string' }).notNull(),
  metric: usageMetric('metric').notNull(),
  value: bigint('value', { mode: 'number' }).notNull().default(0),
}, t => [primaryKey({ columns: [t.day, t.metric] })])

export type TenantUsageSummary = typeof tenantUsageSummary.$inferSelect
