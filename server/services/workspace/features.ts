import { eq } from 'drizzle-orm'
import { featureKillSwitches, plans, tenantFeatureOverrides, tenants } from '#drizzle/schema'
import { FEATURE_KEYS, FEATURES, effectiveFeatures } from '#shared/features'
import type { FeatureKey } from '#shared/features'
import type { FeatureSetting, FeatureSettings } from '#shared/schemas/features'
import type { TenantRunner } from '#server/utils/scope-runner'
import type { TenantScope } from '#server/utils/tenant-db'

/**
 * Settings → Features, read from the database rather than the cached tenant (so the answer to a
 * toggle is already the new state): plan, the tenant's overrides, the platform's kill switches.
 */
export async function featureSettings(scope: TenantScope): Promise<FeatureSettings> {
  const [[plan], allPlans, kills, overrides] = await Promise.all([
    scope.tx.select({ key: plans.key, name: plans.name, features: plans.features }).from(tenants)
      .innerJoin(plans, eq(plans.id, tenants.planId)).where(eq(tenants.id, scope.tenantId)).limit(1),
    scope.tx.select({ key: plans.key, name: plans.name }).from(plans),
    scope.tx.select({ key: featureKillSwitches.featureKey, reason: featureKillSwitches.reason }).from(featureKillSwitches),
    scope.tx.select({ key: tenantFeatureOverrides.featureKey, enabled: tenantFeatureOverrides.enabled })
      .from(tenantFeatureOverrides).where(scope.where(tenantFeatureOverrides)),
  ])
  if (!plan) throw notFound('No workspace at this address')

  const overrideOf = Object.fromEntries(overrides.map(o => [o.key, o.enabled]))
  const effective = effectiveFeatures(plan.features, overrideOf, kills.map(k => k.key))
  const planName = new Map(allPlans.map(p => [p.key, p.name]))
  const features = FEATURE_KEYS.map((key): FeatureSetting => {
    const def = FEATURES[key]
    const inPlan = plan.features.includes(key)
    const kill = kills.find(k => k.key === key)
    // The catalogue lists plans cheapest first: the first other plan that exists is the upgrade.
    const upgradeKey = inPlan ? undefined : def.plans.find(p => p !== plan.key && planName.has(p))
    return {
      key,
      label: def.label,
      description: def.description,
      whenOff: def.whenOff,
      inPlan,
      enabled: effective[key],
      override: typeof overrideOf[key] === 'boolean' ? overrideOf[key] : null,
      killSwitch: kill ? { reason: kill.reason } : null,
      upgradeTo: upgradeKey ? { key: upgradeKey, name: planName.get(upgradeKey)! } : null,
      canToggle: inPlan && !kill,
    }
  })
  return { plan: { key: plan.key, name: plan.name }, features }
}

/**
 * Switches a feature of the workspace's plan off, or back on (which drops the override, so the
 * plan's default applies again). A feature the plan lacks, or one the platform has switched off,
 * cannot be changed here. Audited; the tenant cache is dropped after the commit (hence a runner) so
 * every instance sees it at once. The answer is the settings as they are then.
 */
export async function setTenantFeature(run: TenantRunner, key: FeatureKey, enabled: boolean): Promise<FeatureSettings> {
  const { tenantId, settings } = await run(async (scope) => {
    const tenant = scope.tenant
    const current = (await featureSettings(scope)).features.find(f => f.key === key)!
    if (current.killSwitch) {
      throw apiError(409, 'CONFLICT', `${current.label} is switched off for every workspace by the platform${current.killSwitch.reason ? ` (${current.killSwitch.reason})` : ''}; it cannot be changed here`)
    }
    if (!current.inPlan) {
      const upgrade = current.upgradeTo ? ` Upgrade to ${current.upgradeTo.name} to use it.` : ''
      throw apiError(403, 'PLAN_UPGRADE_REQUIRED', `${current.label} is not included in the ${tenant.plan.name} plan.${upgrade}`)
    }
    const match = scope.where(tenantFeatureOverrides, eq(tenantFeatureOverrides.featureKey, key))
    if (enabled) {
      await scope.tx.delete(tenantFeatureOverrides).where(match)
    }
    else {
      await scope.tx.insert(tenantFeatureOverrides).values(scope.values(tenantFeatureOverrides, [{ featureKey: key, enabled: false }]))
        .onConflictDoUpdate({ target: [tenantFeatureOverrides.tenantId, tenantFeatureOverrides.featureKey], set: { enabled: false } })
    }
    await scope.audit({ action: 'settings.feature_updated', entityType: 'feature', entityId: key, before: { enabled: current.enabled }, after: { enabled } })
    return { tenantId: tenant.id, settings: await featureSettings(scope) }
  })
  await invalidateTenant(tenantId)
  return settings
}
