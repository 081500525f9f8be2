import { sql } from 'drizzle-orm'
import { bigint, boolean, foreignKey, index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { tenantId, tenantRowId, timestamps } from './columns'
import { tenants } from './platform'

export const userStatus = pgEnum('user_status', ['invited', 'active', 'deactivated'])

export const recordScope = pgEnum('record_scope', ['all', 'team', 'own'])

/** Roles of a tenant: the five system roles (seeded, read-only) and custom ones. Tenant table (RLS). */
export const roles = pgTable('roles', {
  tenantId: tenantId(),
  id: tenantRowId(),
  key: text('key').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  permissions: text('permissions').array().notNull().default(sql`'{}'::text[]`),
  isSystem: boolean('is_system').notNull().default(false),
  /** Which records the role sees: every record, those owned by its teams' members, or its own. */
  recordScope: recordScope('record_scope').notNull().default('all'),
  ...timestamps,
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade'),
  uniqueIndex('roles_tenant_key_uq').on(t.tenantId, t.key),
])

/** A person's account in one tenant; the same email in two tenants is two accounts. Tenant table (RLS). */
export const users = pgTable('users', {
  tenantId: tenantId(),
  id: tenantRowId(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  passwordHash: text('password_hash'),
  roleId: uuid('role_id').notNull(),
  status: userStatus('status').notNull().default('active'),
  lastActiveAt: timestamp('last_active_at', { withTimezone: true }),
  /** TOTP secret, encrypted with the app's key; set at enrolment, live once totpEnabledAt is set. */
  totpSecretEnc: text('totp_secret_enc'),
  totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
  /** The last TOTP time step accepted: a code is good once, never replayed within its window. */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  /** The OpenID subject (`issuer|sub`) this account signs in as, once linked by SSO. */
  ssoSubject: text('sso_subject'),
  ...timestamps,
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.tenantId, t.roleId], foreignColumns: [roles.tenantId, roles.id] }),
  uniqueIndex('users_tenant_email_uq').on(t.tenantId, t.email),
  uniqueIndex('users_tenant_sso_subject_uq').on(t.tenantId, t.ssoSubject),
  index('users_tenant_role_idx').on(t.tenantId, t.roleId),
])

/**
 * Signed-in sessions: only a SHA-256 of the opaque token is stored. Bound to one tenant;
 * revoked sessions keep their row (revoked_at) for the audit trail. Tenant table (RLS).
 */
export const sessions = pgTable('sessions', {
  tenantId: tenantId(),
  id: tenantRowId(),
  tokenHash: text('token_hash').notNull(),
  userId: uuid('user_id').notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  /** Set when a super admin is behind this session (platform table `impersonations`). */
  impersonationId: uuid('impersonation_id'),
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
  uniqueIndex('sessions_tenant_token_uq').on(t.tenantId, t.tokenHash),
  index('sessions_tenant_user_idx').on(t.tenantId, t.userId),
])

export const authTokenKind = pgEnum('auth_token_kind', ['password_reset', 'invitation'])

/** Single-use, short-lived tokens sent by email (reset, invitation); only their hash is kept. Tenant table (RLS). */
export const authTokens = pgTable('auth_tokens', {
  tenantId: tenantId(),
  id: tenantRowId(),
  kind: authTokenKind('kind').notNull(),
  tokenHash: text('token_hash').notNull(),
  userId: uuid('user_id').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
  uniqueIndex('auth_tokens_tenant_hash_uq').on(t.tenantId, t.tokenHash),
  index('auth_tokens_tenant_user_idx').on(t.tenantId, t.userId),
])

export type Role = typeof roles.$inferSelect
export type User = typeof users.$inferSelect
export type Session = typeof sessions.$inferSelect

/** Teams (departments) in a hierarchy; members belong to any number of them. Tenant tables (RLS). */
export const teams = pgTable('teams', {
  tenantId: tenantId(),
  id: tenantRowId(),
  name: text('name').notNull(),
  parentId: uuid('parent_id'),
  /** The team's lead, one of its members (chosen with the members; cleared when they leave it). Approvals ask "the owner's team lead". */
  leadUserId: uuid('lead_user_id'),
  ...timestamps,
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id] }),
  uniqueIndex('teams_tenant_parent_name_uq').on(t.tenantId, t.parentId, t.name),
  index('teams_tenant_parent_idx').on(t.tenantId, t.parentId),
])

export const teamMembers = pgTable('team_members', {
  tenantId: tenantId(),
  teamId: uuid('team_id').notNull(),
  userId: uuid('user_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.teamId, t.userId] }),
  foreignKey({ columns: [t.tenantId, t.teamId], foreignColumns: [teams.tenantId, teams.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
  index('team_members_tenant_user_idx').on(t.tenantId, t.userId),
])
