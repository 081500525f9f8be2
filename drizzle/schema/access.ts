import { sql } from 'drizzle-orm'
import { boolean, foreignKey, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { tenantId, tenantRowId } from './columns'
import { users } from './identity'
import { tenants } from './platform'

// Stronger access: API keys, two-factor recovery codes and single sign-on. Tenant tables (RLS).

/**
 * API keys: only a SHA-256 of the secret is kept, beside a visible prefix people recognise.
 * Scopes are a subset of the permission catalogue, never more than their creator held.
 */
export const apiKeys = pgTable('api_keys', {
  tenantId: tenantId(),
  id: tenantRowId(),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  tokenHash: text('token_hash').notNull(),
  scopes: text('scopes').array().notNull().default(sql`'{}'::text[]`),
  createdBy: uuid('created_by').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
  uniqueIndex('api_keys_tenant_token_uq').on(t.tenantId, t.tokenHash),
  index('api_keys_tenant_created_idx').on(t.tenantId, t.createdAt),
])

/** One-time recovery codes for two-factor sign-in (hashed); a used code keeps its row. */
export const recoveryCodes = pgTable('recovery_codes', {
  tenantId: tenantId(),
  id: tenantRowId(),
  userId: uuid('user_id').notNull(),
  codeHash: text('code_hash').notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
  index('recovery_codes_tenant_user_idx').on(t.tenantId, t.userId),
])

/** A tenant's OpenID Connect configuration (at most one); the client secret is encrypted at rest. */
export const ssoConnections = pgTable('sso_connections', {
  tenantId: tenantId(),
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  clientSecretEnc: text('client_secret_enc').notNull(),
  enabled: boolean('enabled').notNull().default(false),
  defaultRoleKey: text('default_role_key').notNull().default('member'),
  allowedDomains: text('allowed_domains').array().notNull().default(sql`'{}'::text[]`),
  requireSso: boolean('require_sso').notNull().default(false),
  breakGlassUserId: uuid('break_glass_user_id'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow().$onUpdate(() => new Date()),
}, t => [
  primaryKey({ columns: [t.tenantId] }),
  foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade'),
])

export type ApiKey = typeof apiKeys.$inferSelect
export type SsoConnection = typeof ssoConnections.$inferSelect
