import { asc, eq } from 'drizzle-orm'
import { featureKillSwitches, plans, tenantDomains, tenantFeatureOverrides } from '#drizzle/schema'
import type { Tenant } from '#drizzle/schema'
import { FEATURES, FEATURE_KEYS, effectiveFeatures } from '#shared/features'
import type { ExceededLimit, TenantDetail, TenantFeatureState, TenantMembersQuery, TenantStatus } from '#shared/schemas/platform'
import type { PlanOverview } from '#shared/schemas/plan'
import { listAudit } from '#server/services/workspace/audit'
import { listMembers } from '#server/services/identity/members'
import { tenantPlanOverview } from '#server/services/workspace/plan'
import { tenantBySlug } from './tenants'
import { usageOverview } from '#server/services/workspace/usage'

const RECENT_AUDIT = 20

/** The status the console shows: a soft-deleted tenant is `deleted`, whatever its stored status. */
export const tenantStatusOf = (t: Pick<Tenant, 'status' | 'deletedAt'>): TenantStatus => t.deletedAt ? 'deleted' : t.status

const MB = 1024 * 1024

/** The limits the tenant's usage is above (after a downgrade, say): allowed, but worth a warning. */
export function exceededLimits(limits: PlanOverview['limits'], usage: PlanOverview['usage']): ExceededLimit[] {
  const checks: [ExceededLimit['limit'], number, number | null][] = [
    ['seats', usage.seats.used, limits.seats],
    ['records', usage.records.used, limits.records],
    ['storageMb', Math.ceil(usage.storageBytes / MB), limits.storageMb],
    ['apiCallsPerDay', usage.apiCallsToday, limits.apiCallsPerDay],
    ['activeWorkflows', usage.activeWorkflows, limits.activeWorkflows],
    ['workflowRunsPerMonth', usage.workflowRunsThisMonth, limits.workflowRunsPerMonth],
  ]
  return checks.filter(([, used, allowed]) => allowed !== null && used > allowed)
    .map(([limit, used, allowed]) => ({ limit, used, allowed: allowed! }))
}

/** One page of a tenant's members, read-only, through its scope. */
export async function tenantMembersPage(tenantId: string, q: TenantMembersQuery): Promise<TenantDetail['members']> {
  const result = await runInTenant(tenantId, scope => listMembers(scope, q))
  return {
    ...result,
    items: result.items.map(m => ({ id: m.id, name: m.name, email: m.email, role: m.role, status: m.status, lastActiveAt: m.lastActiveAt })),
  }
}

/**
 * Everything the console shows about one tenant: profile, domains, plan and features (plan →
 * override → kill switch, as the tenant's requests see them), usage against limits, 30 days of
 * usage, the first page of members and the latest audit entries. Tenant tables are read through
 * runInTenant only, so RLS applies.
 */
export async function tenantDetail(slug: string): Promise<TenantDetail> {
  const tenant = await tenantBySlug(slug)
  const db = await useDb()
  const [[plan], domains, killed, overview] = await Promise.all([
    db.select({ key: plans.key, name: plans.name, features: plans.features }).from(plans).where(eq(plans.id, tenant.planId)).limit(1),
    db.select().from(tenantDomains).where(eq(tenantDomains.tenantId, tenant.id)).orderBy(asc(tenantDomains.createdAt)),
    db.select({ key: featureKillSwitches.featureKey }).from(featureKillSwitches),
    tenantPlanOverview(tenant.id),
  ])
  const members = await tenantMembersPage(tenant.id, { page: 1, pageSize: 10 })
  const { overrides, series, audit } = await runInTenant(tenant.id, async scope => ({
    overrides: await scope.tx.select({ key: tenantFeatureOverrides.featureKey, enabled: tenantFeatureOverrides.enabled })
      .from(tenantFeatureOverrides).where(scope.where(tenantFeatureOverrides)),
    series: (await usageOverview(scope, 30)).series,
    audit: (await listAudit(scope, { page: 1, pageSize: RECENT_AUDIT })).items,
  }))

  const overrideMap = Object.fromEntries(overrides.map(o => [o.key, o.enabled]))
  const killedKeys = killed.map(k => k.key)
  const effective = effectiveFeatures(plan!.features, overrideMap, killedKeys)
  const features: TenantFeatureState[] = FEATURE_KEYS.map(key => ({
    key,
    label: FEATURES[key].label,
    plan: plan!.features.includes(key),
    override: typeof overrideMap[key] === 'boolean' ? overrideMap[key] : null,
    killed: killedKeys.includes(key),
    enabled: effective[key],
  }))
  const primary = domains.find(d => d.isPrimary)

  return {
    profile: {
      id: tenant.id,
      slug: tenant.slug,
      name: tenant.name,
      status: tenantStatusOf(tenant),
      suspendedReason: tenant.suspendedReason,
      suspendedAt: tenant.suspendedAt?.toISOString() ?? null,
      deletedAt: tenant.deletedAt?.toISOString() ?? null,
      purgeAt: tenant.purgeAt?.toISOString() ?? null,
      deletionRequest: tenant.deletionRequestedAt
        ? { requestedAt: tenant.deletionRequestedAt.toISOString(), requestedBy: tenant.deletionRequestedBy, dueAt: tenant.deletionDueAt?.toISOString() ?? null }
        : null,
      createdAt: tenant.createdAt.toISOString(),
      lastActiveAt: tenant.lastActiveAt?.toISOString() ?? null,
    },
    primaryHost: primary ? fullHostname(primary) : null,
    domains: domains.map(d => ({ hostname: fullHostname(d), kind: d.kind, verified: !!d.verifiedAt, isPrimary: d.isPrimary, createdAt: d.createdAt.toISOString() })),
    plan: { key: plan!.key, name: plan!.name, features: plan!.features, limits: overview.limits },
    features,
    usage: overview.usage,
    exceeded: exceededLimits(overview.limits, overview.usage),
    series,
    members,
    audit: audit.map(a => ({ id: a.id, createdAt: a.createdAt, actorType: a.actorType, actorEmail: a.actorEmail, action: a.action, entityType: a.entityType, entityId: a.entityId })),
  }
}
