import type { DemoTenant, PlanDef } from '../../server/database/seed/demo'
import { DEMO_SUPER_ADMIN, DEMO_TENANTS, PLAN_DEFS } from '../../server/database/seed/demo'

/**
 * Plans that exist only in the test databases. "Metered" allows 5 API calls a day, so the daily
 * limit is reached in a test; it includes analytics and CRM but not tickets (an upgrade to Pro).
 */
export const TEST_PLANS: PlanDef[] = [
  { key: 'metered', name: 'Metered', features: ['analytics', 'crm'],
    limits: { seats: 10, records: 1_000, storageMb: 100, apiCallsPerDay: 5, apiRequestsPerMinute: 60 } },
  // One megabyte of storage and seven seats (five demo members): both limits are reached in a test.
  { key: 'tiny', name: 'Tiny', features: ['crm'],
    limits: { seats: 7, records: 100, storageMb: 1, apiCallsPerDay: 1_000, apiRequestsPerMinute: 60 } },
  // Automation rationed: two workflows on at once and three runs a month, both reached in a test.
  { key: 'rationed', name: 'Rationed', features: ['crm', 'tasks', 'automation'],
    limits: { seats: 10, records: 1_000, storageMb: 100, apiCallsPerDay: 1_000, apiRequestsPerMinute: 60, activeWorkflows: 2, workflowRunsPerMonth: 3 } },
]

export const SEEDED_PLANS = [...PLAN_DEFS, ...TEST_PLANS]

/**
 * Tenants that exist only in the test databases, for tests that change a workspace-wide setting
 * and would otherwise disturb other tests: hooli (two-factor required), initrode (IP allowlist),
 * piedpiper (single sign-on), vandelay (the Metered plan: daily API limit, feature toggles; no
 * usage history, so today's API calls start at 0), wayne (branding and general settings), tyrell
 * (the Tiny plan: storage and seat limits), soylent (custom domains and the redirect to its primary
 * domain), cyberdyne (data exports and the deletion request), oscorp and stark (suspension and
 * soft/hard deletion by a super admin), massive (plan changes), gringotts (impersonation), abstergo
 * (automation's plan limits), oceanic (reports). Seeded like the demo ones: `<role>@<slug>.test`,
 * the demo password.
 */
export const TEST_TENANTS: DemoTenant[] = [
  { slug: 'hooli', name: 'Hooli', plan: 'pro', status: 'active', scale: 0.1,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#2563eb', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  { slug: 'initrode', name: 'Initrode', plan: 'pro', status: 'active', scale: 0.1,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#9333ea', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  { slug: 'piedpiper', name: 'Pied Piper', plan: 'enterprise', status: 'active', scale: 0.1,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#16a34a', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  { slug: 'wayne', name: 'Wayne Enterprises', plan: 'enterprise', status: 'active', scale: 0.1,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#1d4ed8', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  { slug: 'tyrell', name: 'Tyrell Corporation', plan: 'tiny', status: 'active', scale: 0.1, usage: false,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#be123c', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  { slug: 'soylent', name: 'Soylent Corporation', plan: 'pro', status: 'active', scale: 0.1,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#65a30d', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  { slug: 'cyberdyne', name: 'Cyberdyne Systems', plan: 'pro', status: 'active', scale: 0.1,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#475569', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  { slug: 'vandelay', name: 'Vandelay Industries', plan: 'metered', status: 'active', scale: 0.1, usage: false,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#0891b2', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  { slug: 'oscorp', name: 'Oscorp', plan: 'pro', status: 'active', scale: 0.1,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#15803d', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  { slug: 'stark', name: 'Stark Industries', plan: 'pro', status: 'active', scale: 0.1,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#b91c1c', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  { slug: 'massive', name: 'Massive Dynamic', plan: 'pro', status: 'active', scale: 0.1,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#7c3aed', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  { slug: 'gringotts', name: 'Gringotts', plan: 'pro', status: 'active', scale: 0.1,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#a16207', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  // The staff workspace: dunder (records, lists, visibility), bluth (pipelines, leads, tickets'
  // SLAs), wonka (search), sterling (the workspace pages in the browser).
  { slug: 'dunder', name: 'Dunder Mifflin', plan: 'pro', status: 'active', scale: 0.1, usage: false,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#0e7490', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  { slug: 'bluth', name: 'Bluth Company', plan: 'pro', status: 'active', scale: 0.1, usage: false,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#c2410c', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  { slug: 'wonka', name: 'Wonka Industries', plan: 'pro', status: 'active', scale: 0.1, usage: false,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#6d28d9', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  { slug: 'sterling', name: 'Sterling Cooper', plan: 'pro', status: 'active', scale: 0.1, usage: false,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#be185d', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  // Dashboards and analytics: prestige (metrics against a hand-computed fixture, the home
  // dashboard), nakatomi (custom dashboards, sharing, live refresh), monsters (import and export).
  { slug: 'prestige', name: 'Prestige Worldwide', plan: 'pro', status: 'active', scale: 0.1, usage: false,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#047857', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  { slug: 'nakatomi', name: 'Nakatomi Trading', plan: 'pro', status: 'active', scale: 0.1, usage: false,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#1e40af', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  // Hostile input sent to every route (bad-input.test.ts).
  { slug: 'tessier', name: 'Tessier-Ashpool', plan: 'enterprise', status: 'active', scale: 0.1, usage: false,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#9f1239', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  { slug: 'monsters', name: 'Monsters, Inc.', plan: 'pro', status: 'active', scale: 0.1, usage: false,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#0d9488', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  // Three instances behind one proxy (instances.test.ts): branding, features, sessions, suspension.
  { slug: 'aperture', name: 'Aperture Science', plan: 'pro', status: 'active', scale: 0.1, usage: false,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#ea580c', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  // Notifications (notifications.test.ts): assignments, the bell's list, preferences and mail.
  { slug: 'sirius', name: 'Sirius Cybernetics', plan: 'pro', status: 'active', scale: 0.1, usage: false,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#b91c1c', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  // Workflows (workflows.test.ts): triggers, steps, runs, approvals of the automation module.
  { slug: 'gekko', name: 'Gekko & Co', plan: 'enterprise', status: 'active', scale: 0.1, usage: false,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#15803d', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  // Automation's plan limits and run retention (workflows.test.ts), on the Rationed plan.
  { slug: 'abstergo', name: 'Abstergo Industries', plan: 'rationed', status: 'active', scale: 0.1, usage: false,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#dc2626', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  // Reports (reports.test.ts): templates against a hand-computed fixture, visibility, files.
  { slug: 'oceanic', name: 'Oceanic Airlines', plan: 'pro', status: 'active', scale: 0.1, usage: false,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#b91c1c', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  // The public API v1 (api-v1.test.ts): records, webhooks and paging through its typed client.
  { slug: 'weyland', name: 'Weyland-Yutani', plan: 'pro', status: 'active', scale: 0.1, usage: false,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#475569', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
]

export const SEEDED_TENANTS = [...DEMO_TENANTS, ...TEST_TENANTS]

/** Super admins for tests that need their own (each enrols in two-factor at first sign-in). */
export const SEEDED_SUPER_ADMINS = [
  DEMO_SUPER_ADMIN,
  { email: 'super2@atrium.test', name: 'Second Operator' },
  { email: 'super3@atrium.test', name: 'Third Operator' },
  { email: 'super4@atrium.test', name: 'Fourth Operator' },
  // One each for the super admin area's test files (lifecycle, plans and flags, impersonation,
  // overview/audit/health, and the console's browser test).
  { email: 'super5@atrium.test', name: 'Fifth Operator' },
  { email: 'super6@atrium.test', name: 'Sixth Operator' },
  { email: 'super7@atrium.test', name: 'Seventh Operator' },
  { email: 'super8@atrium.test', name: 'Eighth Operator' },
  { email: 'super9@atrium.test', name: 'Ninth Operator' },
  // Hostile input sent to every platform route (bad-input.test.ts).
  { email: 'super10@atrium.test', name: 'Tenth Operator' },
  // Managing super admins (platform-admins-manage.test.ts): adds, disables and removes its own.
  { email: 'super11@atrium.test', name: 'Eleventh Operator' },
]
