import { bigint, foreignKey, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, timestamps } from './columns'

// Platform super admins and their sessions: platform tables (no tenant_id, no RLS). Nothing on a
// tenant host reads them, so a super admin's cookie carried to a tenant host matches no session.

// `removed` is a soft delete: the row stays so the audit log (whose actor ids point here) and the
// impersonation grants keep naming who did what; the app role has no DELETE on this table.
export const platformAdminStatus = pgEnum('platform_admin_status', ['active', 'deactivated', 'removed'])

export const platformAdmins = pgTable('platform_admins', {
  id: id(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  status: platformAdminStatus('status').notNull().default('active'),
  lastActiveAt: timestamp('last_active_at', { withTimezone: true }),
  /** Two-factor: super admins must enrol before they reach anything (same scheme as tenant users). */
  totpSecretEnc: text('totp_secret_enc'),
  totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  ...timestamps,
}, t => [uniqueIndex('platform_admins_email_uq').on(t.email)])

/** Super admin sessions: only a SHA-256 of the opaque token is stored, as for tenant sessions. */
export const platformSessions = pgTable('platform_sessions', {
  id: id(),
  tokenHash: text('token_hash').notNull(),
  adminId: uuid('admin_id').notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
}, t => [
  foreignKey({ columns: [t.adminId], foreignColumns: [platformAdmins.id] }).onDelete('cascade'),
  uniqueIndex('platform_sessions_token_uq').on(t.tokenHash),
  index('platform_sessions_admin_idx').on(t.adminId),
])

export type PlatformAdmin = typeof platformAdmins.$inferSelect

/**
 * A super admin entering a tenant as one of its users: time-limited, with a reason. The platform
 * host issues a single-use hand-off token (only its hash kept); the tenant host trades it for a
 * tenant session tagged with this row's id, so every action in it is audited as impersonated.
 */
export const impersonations = pgTable('impersonations', {
  id: id(),
  adminId: uuid('admin_id').notNull(),
  tenantId: uuid('tenant_id').notNull(),
  userId: uuid('user_id').notNull(),
  reason: text('reason').notNull(),
  handoffTokenHash: text('handoff_token_hash').notNull(),
  handoffUsedAt: timestamp('handoff_used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  endedAt: timestamp('ended_at', { withTimezone: true }),
}, t => [
  foreignKey({ columns: [t.adminId], foreignColumns: [platformAdmins.id] }).onDelete('cascade'),
  uniqueIndex('impersonations_handoff_uq').on(t.handoffTokenHash),
  index('impersonations_tenant_idx').on(t.tenantId, t.createdAt),
])

export type Impersonation = typeof impersonations.$inferSelect
