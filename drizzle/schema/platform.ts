import { relations, sql } from 'drizzle-orm'
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import type { Theme } from '../../shared/theme'
import type { EmailTemplateOverrides, WorkspacePreferences } from '../../shared/schemas/workspace'
import { auditColumns, id, timestamps } from './columns'

// Platform tables: no tenant_id, no RLS. Only the platform's own code paths touch them.

export const tenantStatus = pgEnum('tenant_status', ['active', 'suspended'])
export const domainKind = pgEnum('domain_kind', ['subdomain', 'custom'])

/** Limits a plan grants; `null` means unlimited. */
export interface PlanLimits {
  seats: number | null
  records: number | null
  storageMb: number | null
  apiCallsPerDay: number | null
  /** Requests per minute for each API key (shared across app instances); absent = the default. */
  apiRequestsPerMinute?: number
  /** Workflow runs started per calendar month (UTC); absent = unlimited. */
  workflowRunsPerMonth?: number | null
  /** Workflows switched on at once; absent = unlimited. */
  activeWorkflows?: number | null
  /** The shortest time between two runs of one report schedule, in minutes; absent = once a day. */
  reportScheduleMinutes?: number
}

export const plans = pgTable('plans', {
  id: id(),
  key: text('key').notNull(),
  name: text('name').notNull(),
  limits: jsonb('limits').$type<PlanLimits>().notNull(),
  features: text('features').array().notNull().default(sql`'{}'::text[]`),
  ...timestamps,
}, t => [uniqueIndex('plans_key_uq').on(t.key)])

export const tenants = pgTable('tenants', {
  id: id(),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  status: tenantStatus('status').notNull().default('active'),
  planId: uuid('plan_id').notNull().references(() => plans.id),
  theme: jsonb('theme').$type<Theme>().notNull(),
  /** Session policy, set by the tenant's admins within the bounds of shared/schemas/security.ts. */
  sessionIdleMinutes: integer('session_idle_minutes').notNull().default(720),
  sessionMaxHours: integer('session_max_hours').notNull().default(168),
  /** Days finished workflow runs are kept before the engine prunes them (Automation → settings). */
  workflowRunRetentionDays: integer('workflow_run_retention_days').notNull().default(90),
  /** Every member must use two-factor sign-in (those without it enrol right after signing in). */
  requireMfa: boolean('require_mfa').notNull().default(false),
  /** CIDR ranges allowed to reach the workspace at all (sign-in included); empty = anywhere. */
  ipAllowlist: text('ip_allowlist').array().notNull().default(sql`'{}'::text[]`),
  /** Time zone, locale, currency and formats used wherever the workspace shows dates and money. */
  preferences: jsonb('preferences').$type<Partial<WorkspacePreferences>>().notNull().default({}),
  /** The tenant's own subject and body for its emails; a kind not listed uses the default text. */
  emailTemplates: jsonb('email_templates').$type<EmailTemplateOverrides>().notNull().default({}),
  /** Requests on the tenant's other hosts redirect to its primary domain. */
  redirectToPrimary: boolean('redirect_to_primary').notNull().default(false),
  /** A tenant admin asked for the workspace to be deleted; the platform does it at `deletion_due_at`. */
  deletionRequestedAt: timestamp('deletion_requested_at', { withTimezone: true }),
  deletionRequestedBy: text('deletion_requested_by'),
  deletionDueAt: timestamp('deletion_due_at', { withTimezone: true }),
  /** Why a super admin suspended the workspace (shown to the platform, not to its users). */
  suspendedReason: text('suspended_reason'),
  suspendedAt: timestamp('suspended_at', { withTimezone: true }),
  /** Soft delete by a super admin: the workspace stops answering at once; its rows are purged at `purge_at`. */
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
  purgeAt: timestamp('purge_at', { withTimezone: true }),
  /** Last time any member used the workspace (updated at most every few minutes, for the admin tables). */
  lastActiveAt: timestamp('last_active_at', { withTimezone: true }),
  ...timestamps,
}, t => [
  uniqueIndex('tenants_slug_uq').on(t.slug),
  index('tenants_plan_idx').on(t.planId),
  index('tenants_created_idx').on(t.createdAt, t.id),
  // The console's tenants list is sorted by name by default (first page from the index, not a sort of every tenant).
  index('tenants_name_idx').on(t.name, t.id),
  index('tenants_purge_idx').on(t.purgeAt).where(sql`${t.purgeAt} is not null`),
  check('tenants_slug_format', sql`${t.slug} ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'`),
  check('tenants_session_idle_range', sql`${t.sessionIdleMinutes} between 5 and 10080`),
  check('tenants_session_max_range', sql`${t.sessionMaxHours} between 1 and 2160`),
])

/**
 * Addresses a tenant answers on. `subdomain` rows hold one DNS label (`acme`), served as
 * `<label>.<platform domain>`; `custom` rows hold a full normalised hostname and answer only
 * once verified.
 */
export const tenantDomains = pgTable('tenant_domains', {
  id: id(),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
  hostname: text('hostname').notNull(),
  kind: domainKind('kind').notNull(),
  verificationToken: text('verification_token'),
  verifiedAt: timestamp('verified_at', { withTimezone: true }),
  isPrimary: boolean('is_primary').notNull().default(false),
  /** The last DNS check of a custom domain, and what it found wrong (null once verified). */
  lastCheckedAt: timestamp('last_checked_at', { withTimezone: true }),
  lastCheckError: text('last_check_error'),
  ...timestamps,
}, t => [
  uniqueIndex('tenant_domains_hostname_uq').on(t.hostname),
  index('tenant_domains_tenant_idx').on(t.tenantId),
  uniqueIndex('tenant_domains_one_primary_uq').on(t.tenantId).where(sql`${t.isPrimary}`),
])

/** Platform-wide kill switches: a feature listed here is off for every tenant. */
export const featureKillSwitches = pgTable('feature_kill_switches', {
  featureKey: text('feature_key').primaryKey(),
  reason: text('reason'),
  ...timestamps,
})

/** Append-only audit of platform-level actions (super admins, platform jobs). */
export const platformAuditLog = pgTable('platform_audit_log', {
  id: id(),
  tenantId: uuid('tenant_id'),
  ...auditColumns(),
}, t => [
  // Newest first under each filter of the console's log (server/services/platform/audit.ts).
  index('platform_audit_created_idx').on(t.createdAt, t.id),
  index('platform_audit_action_idx').on(t.action, t.createdAt, t.id),
  index('platform_audit_tenant_idx').on(t.tenantId, t.createdAt, t.id),
  index('platform_audit_actor_idx').on(t.actorId, t.createdAt, t.id),
])

export const plansRelations = relations(plans, ({ many }) => ({ tenants: many(tenants) }))
export const tenantsRelations = relations(tenants, ({ one, many }) => ({
  plan: one(plans, { fields: [tenants.planId], references: [plans.id] }),
  domains: many(tenantDomains),
}))
export const tenantDomainsRelations = relations(tenantDomains, ({ one }) => ({
  tenant: one(tenants, { fields: [tenantDomains.tenantId], references: [tenants.id] }),
}))

export type Plan = typeof plans.$inferSelect
export type Tenant = typeof tenants.$inferSelect
export type TenantDomain = typeof tenantDomains.$inferSelect
