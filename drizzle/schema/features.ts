import { boolean, foreignKey, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { tenantId, timestamps } from './columns'
import { tenants } from './platform'

/** A tenant's override of one feature, on or off, over its plan's default. Tenant table (RLS). */
export const tenantFeatureOverrides = pgTable('tenant_feature_overrides', {
  tenantId: tenantId(),
  featureKey: text('feature_key').notNull(),
  enabled: boolean('enabled').notNull(),
  ...timestamps,
}, t => [
  primaryKey({ columns: [t.tenantId, t.featureKey] }),
  foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade'),
])

export type TenantFeatureOverride = typeof tenantFeatureOverrides.$inferSelect
