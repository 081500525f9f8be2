import { eq, sql } from 'drizzle-orm'
import { featureKillSwitches, plans, tenantFeatureOverrides, tenants } from '#drizzle/schema'
import { FEATURE_KEYS, FEATURES, effectiveFeatures } from '#shared/features'
import type { FeatureKey } from '#shared/features'
import type { FeatureOverview, FeatureSource, TenantFeatures } from '#shared/schemas/plans'
import type { Tx } from '#server/database/connect'
import { tenantBySlug } from './tenants'

/**
 * Every feature across the platform: kill switch, how many plans include it, how many tenants
 * force it on or off, and how many have it now. Tenants per plan come from one grouped query;
 * overrides from one server-side scan (RLS intact, see tenant-scan.ts); what remains is a sum
 * per feature over the few tenants with overrides.
 */
export async function featureOverview(): Promise<FeatureOverview> {
  const db = await useDb()
  const [planRows, kills, scanned] = await Promise.all([
    db.select({ features: plans.features, tenants: sql<number>`(count(${tenants.id}) filter (where ${tenants.deletedAt} is null))::int` })
      .from(plans).leftJoin(tenants, eq(tenants.planId, plans.id)).groupBy(plans.id),
    db.select().from(featureKillSwitches),
    db.transaction(tx => scanTenants<Record<string, boolean>>(tx as Tx, sql`select id from tenants where deleted_at is null`, OVERRIDES_PER_TENANT)),
  ])
  // The plans of the (usually few) tenants with overrides, to tell a gain from a loss.
  const withOverrides = [...scanned.keys()]
  const planOf = new Map(withOverrides.length
    ? (await db.select({ id: tenants.id, features: plans.features }).from(tenants).innerJoin(plans, eq(plans.id, tenants.planId))
        .where(sql`${tenants.id} = any(${`{${withOverrides.join(',')}}`}::uuid[])`)).map(r => [r.id, r.features])
    : [])
  const totalTenants = planRows.reduce((n, p) => n + Number(p.tenants), 0)
  const features = FEATURE_KEYS.map((key) => {
    const including = planRows.filter(p => p.features.includes(key))
    let on = 0
    let off = 0
    let gained = 0
    let lost = 0
    for (const [tenantId, overrides] of scanned) {
      const enabled = overrides[key]
      if (typeof enabled !== 'boolean') continue
      const inPlan = !!planOf.get(tenantId)?.includes(key)
      if (enabled) on++
      else off++
      if (enabled && !inPlan) gained++
      if (!enabled && inPlan) lost++
    }
    const kill = kills.find(k => k.featureKey === key)
    const withoutKill = including.reduce((n, p) => n + Number(p.tenants), 0) - lost + gained
    return {
      key,
      label: FEATURES[key].label,
      description: FEATURES[key].description,
      killSwitch: kill ? { reason: kill.reason, since: kill.createdAt.toISOString() } : null,
      plans: including.length,
      overrides: { on, off },
      tenantsOn: kill ? 0 : withoutKill,
      tenantsOnWithoutKillSwitch: withoutKill,
    }
  })
  return { tenants: totalTenants, features }
}

/** Why a feature is on or off for a tenant: the last layer that decided it. */
function sourceOf(inPlan: boolean, override: boolean | null, killed: boolean): FeatureSource {
  if (killed) return 'kill switch'
  if (override !== null) return 'override'
  return inPlan ? 'plan' : 'not in plan'
}

/** One tenant's features: plan, override, kill switch, the effective state and its source (read from the database, not the cache). */
export async function tenantFeatures(slug: string): Promise<TenantFeatures> {
  const tenant = await tenantBySlug(slug)
  const db = await useDb()
  const [[plan], kills, overrides] = await Promise.all([
    db.select({ key: plans.key, name: plans.name, features: plans.features }).from(plans).where(eq(plans.id, tenant.planId)).limit(1),
    db.select().from(featureKillSwitches),
    runInTenant(tenant.id, scope => scope.tx.select({ key: tenantFeatureOverrides.featureKey, enabled: tenantFeatureOverrides.enabled })
      .from(tenantFeatureOverrides).where(scope.where(tenantFeatureOverrides))),
  ])
  const overrideOf = Object.fromEntries(overrides.map(o => [o.key, o.enabled]))
  const killed = kills.map(k => k.featureKey)
  const effective = effectiveFeatures(plan!.features, overrideOf, killed)
  return {
    tenant: { slug: tenant.slug, name: tenant.name, status: tenant.status, plan: { key: plan!.key, name: plan!.name } },
    features: FEATURE_KEYS.map((key: FeatureKey) => {
      const inPlan = plan!.features.includes(key)
      const override = typeof overrideOf[key] === 'boolean' ? overrideOf[key] : null
      const kill = kills.find(k => k.featureKey === key)
      return {
        key,
        label: FEATURES[key].label,
        description: FEATURES[key].description,
        inPlan,
        override,
        killed: !!kill,
        killReason: kill?.reason ?? null,
        enabled: effective[key],
        source: sourceOf(inPlan, override, !!kill),
      }
    }),
  }
}
