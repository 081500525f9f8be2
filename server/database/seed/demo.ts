import { eq, sql } from 'drizzle-orm'
import type { Db } from '#server/database/connect'
import { FEATURE_KEYS, FEATURES } from '#shared/features'
import { SYSTEM_ROLE_KEYS, SYSTEM_ROLES } from '#shared/permissions'
import { hashPassword } from '#server/utils/password'
import type { Theme } from '#shared/theme'
import { pipelines, pipelineStages, plans, platformAdmins, roles, tenantDomains, tenantFeatureOverrides, tenants, usageDaily, users } from '#drizzle/schema'
import { DEFAULT_STAGES } from '#shared/schemas/pipelines'
import type { PlanLimits } from '#drizzle/schema'

export interface DemoTenant {
  slug: string
  name: string
  /** A plan key of PLAN_DEFS (or of the extra plans passed to seedDemo). */
  plan: string
  status: 'active' | 'suspended'
  theme: Theme
  customDomain?: string
  overrides?: Record<string, boolean>
  /** Rough scale of the tenant's activity, so the demo charts differ. */
  scale: number
  /** Seed 180 days of usage history (default true). */
  usage?: boolean
}

export interface PlanDef {
  key: string
  name: string
  limits: PlanLimits
  /** The features it includes; by default those whose catalogue entry lists the plan's key. */
  features?: string[]
}

export const PLAN_DEFS: PlanDef[] = [
  { key: 'starter', name: 'Starter', limits: { seats: 5, records: 10_000, storageMb: 1_024, apiCallsPerDay: 5_000, apiRequestsPerMinute: 60, workflowRunsPerMonth: 1_000, activeWorkflows: 5 } },
  { key: 'pro', name: 'Pro', limits: { seats: 50, records: 250_000, storageMb: 25_600, apiCallsPerDay: 100_000, apiRequestsPerMinute: 600, workflowRunsPerMonth: 10_000, activeWorkflows: 25 } },
  { key: 'enterprise', name: 'Enterprise', limits: { seats: null, records: null, storageMb: null, apiCallsPerDay: null, apiRequestsPerMinute: 3_000, workflowRunsPerMonth: null, activeWorkflows: null, reportScheduleMinutes: 60 } },
]

const brand = (slug: string, rest: Partial<Theme>): Theme => ({
  primary: '#4f46e5',
  neutral: '#64748b',
  radius: '0.375',
  font: 'inter',
  colorMode: 'system',
  logo: `/brands/${slug}/logo.svg`,
  logoDark: null,
  favicon: `/brands/${slug}/favicon.svg`,
  loginHeadline: null,
  loginBackground: null,
  hidePoweredBy: false,
  ...rest,
})

/** The demo tenants: four clearly different brands, plans and states. */
export const DEMO_TENANTS: DemoTenant[] = [
  { slug: 'acme', name: 'Acme Corporation', plan: 'pro', status: 'active', scale: 1,
    theme: brand('acme', { primary: '#ea580c', neutral: '#78716c', radius: '0.5', font: 'manrope', colorMode: 'light' }) },
  { slug: 'globex', name: 'Globex', plan: 'starter', status: 'active', scale: 0.35,
    theme: brand('globex', { primary: '#7c3aed', neutral: '#64748b', radius: '0.75', font: 'inter', colorMode: 'dark', logoDark: '/brands/globex/logo-dark.svg' }) },
  { slug: 'initech', name: 'Initech', plan: 'enterprise', status: 'active', scale: 2.2, customDomain: 'dash.initech.test', overrides: { tickets: false },
    theme: brand('initech', { primary: '#0f766e', neutral: '#71717a', radius: '0', font: 'source-serif', colorMode: 'system', hidePoweredBy: true, loginHeadline: 'Initech operations, one sign-in away' }) },
  { slug: 'umbrella', name: 'Umbrella Corporation', plan: 'pro', status: 'suspended', scale: 0.8,
    theme: brand('umbrella', { primary: '#dc2626', neutral: '#737373', radius: '0.25', font: 'system', colorMode: 'light' }) },
]

/** Every demo tenant has one user per system role: `<role>@<slug>.test` with this password. */
export const DEMO_PASSWORD = 'Demo-pass-2026'
export const demoEmail = (role: string, slug: string) => `${role}@${slug}.test`
const DEMO_NAMES: Record<string, string> = { admin: 'Ada Admin', manager: 'Max Manager', member: 'Mia Member', support: 'Sam Support', viewer: 'Vic Viewer' }

/** Deterministic pseudo-random numbers, so a re-seed writes the same figures. */
function random(seed: string) {
  let h = 2166136261
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619)
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507)
    h = Math.imul(h ^ (h >>> 13), 3266489909)
    return ((h ^= h >>> 16) >>> 0) / 4294967296
  }
}

function isoDay(offset: number): string {
  const d = new Date()
  d.setUTCHours(0, 0, 0, 0)
  d.setUTCDate(d.getUTCDate() + offset)
  return d.toISOString().slice(0, 10)
}

/** 180 days of usage: weekly rhythm, gentle growth, noise. */
function usageRows(t: DemoTenant) {
  const rnd = random(t.slug)
  const rows: { day: string, metric: 'api_calls' | 'active_users' | 'records' | 'storage_bytes', value: number }[] = []
  let records = Math.round(4000 * t.scale)
  for (let i = -179; i <= 0; i++) {
    const day = isoDay(i)
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
    const weekend = weekday === 0 || weekday === 6 ? 0.35 : 1
    const growth = 1 + (i + 180) / 400
    const users = Math.round(40 * t.scale * growth * weekend * (0.85 + rnd() * 0.3))
    records += Math.round(users * (1 + rnd() * 2))
    rows.push(
      { day, metric: 'api_calls', value: Math.round(users * (90 + rnd() * 60)) },
      { day, metric: 'active_users', value: users },
      { day, metric: 'records', value: records },
      { day, metric: 'storage_bytes', value: records * 2048 },
    )
  }
  return rows
}

/** The demo platform super admin, who signs in on the platform domain only (at /admin). */
export const DEMO_SUPER_ADMIN = { email: 'super@atrium.test', name: 'Sam Operator' }

/**
 * Brings the plans and system roles up to the catalogue and creates what is missing of the demo
 * tenants, their users, domains and pipeline; runs on every `npm run dev`, so it never overwrites
 * what was changed since (a tenant's branding, plan, status or feature switches).
 * Runs as the owner; tenant tables are still written with the tenant set, as FORCE RLS requires.
 */
export async function seedDemo(db: Db, tenantDefs: DemoTenant[] = DEMO_TENANTS, superAdmins: { email: string, name: string }[] = [DEMO_SUPER_ADMIN], planDefs: PlanDef[] = PLAN_DEFS): Promise<void> {
  // One hash for all demo users keeps the seed quick; each real password gets its own salt.
  let hash: Promise<string> | undefined
  const passwordHash = () => (hash ??= hashPassword(DEMO_PASSWORD))

  // Super admins enrol in two-factor at their first sign-in.
  for (const admin of superAdmins) {
    await db.insert(platformAdmins).values({ ...admin, passwordHash: await passwordHash() })
      .onConflictDoNothing({ target: platformAdmins.email })
  }

  const planIds = new Map<string, string>()
  for (const def of planDefs) {
    const features = def.features ?? FEATURE_KEYS.filter(k => (FEATURES[k].plans as readonly string[]).includes(def.key))
    const [row] = await db.insert(plans).values({ key: def.key, name: def.name, limits: def.limits, features })
      .onConflictDoUpdate({ target: plans.key, set: { name: def.name, limits: def.limits, features } })
      .returning({ id: plans.id })
    planIds.set(def.key, row!.id)
  }

  for (const t of tenantDefs) {
    const planId = planIds.get(t.plan)!
    // Once: a tenant that exists keeps what was changed since (a developer's branding, plan, status).
    await db.insert(tenants).values({ slug: t.slug, name: t.name, status: t.status, planId, theme: t.theme })
      .onConflictDoNothing({ target: tenants.slug })
    const [tenant] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, t.slug))
    const tenantId = tenant!.id

    await db.insert(tenantDomains).values({ tenantId, hostname: t.slug, kind: 'subdomain', isPrimary: !t.customDomain, verifiedAt: new Date() })
      .onConflictDoNothing({ target: tenantDomains.hostname })
    if (t.customDomain) {
      await db.insert(tenantDomains).values({ tenantId, hostname: t.customDomain, kind: 'custom', isPrimary: true, verifiedAt: new Date(), verificationToken: `atrium-verify-${t.slug}` })
        .onConflictDoNothing({ target: tenantDomains.hostname })
    }

    await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`)
      for (const [featureKey, enabled] of Object.entries(t.overrides ?? {})) {
        await tx.insert(tenantFeatureOverrides).values({ tenantId, featureKey, enabled })
          .onConflictDoNothing({ target: [tenantFeatureOverrides.tenantId, tenantFeatureOverrides.featureKey] })
      }
      // System roles follow the catalogue on every seed; demo users are created once.
      const roleIds = new Map<string, string>()
      for (const key of SYSTEM_ROLE_KEYS) {
        const def = SYSTEM_ROLES[key]
        const [role] = await tx.insert(roles).values({ tenantId, key, name: def.name, description: def.description, permissions: [...def.permissions], isSystem: true })
          .onConflictDoUpdate({ target: [roles.tenantId, roles.key], set: { name: def.name, description: def.description, permissions: [...def.permissions], isSystem: true } })
          .returning({ id: roles.id })
        roleIds.set(key, role!.id)
      }
      for (const key of SYSTEM_ROLE_KEYS) {
        await tx.insert(users).values({ tenantId, email: demoEmail(key, t.slug), name: DEMO_NAMES[key]!, roleId: roleIds.get(key)!, passwordHash: await passwordHash(), status: 'active' })
          .onConflictDoNothing({ target: [users.tenantId, users.email] })
      }

      // The default sales pipeline, once: a tenant edits (or renames) its pipelines afterwards.
      const [hasPipeline] = await tx.select({ id: pipelines.id }).from(pipelines).where(eq(pipelines.tenantId, tenantId)).limit(1)
      if (!hasPipeline) {
        const [pipeline] = await tx.insert(pipelines).values({ tenantId, name: 'Sales', isDefault: true }).returning({ id: pipelines.id })
        await tx.insert(pipelineStages).values(DEFAULT_STAGES.map((s, position) => ({ ...s, tenantId, pipelineId: pipeline!.id, position })))
      }

      const rows = t.usage === false ? [] : usageRows(t).map(r => ({ ...r, tenantId }))
      for (let i = 0; i < rows.length; i += 500) {
        await tx.insert(usageDaily).values(rows.slice(i, i + 500))
          .onConflictDoNothing({ target: [usageDaily.tenantId, usageDaily.metric, usageDaily.day] })
      }
    })
  }
}
