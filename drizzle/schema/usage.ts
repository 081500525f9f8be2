import { bigint, date, foreignKey, pgEnum, pgTable, primaryKey } from 'drizzle-orm/pg-core'
import { tenantId, timestamps } from './columns'
import { tenants } from './platform'

export const usageMetric = pgEnum('usage_metric', ['api_calls', 'active_users', 'records', 'storage_bytes'])

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
