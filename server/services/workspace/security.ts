import { eq } from 'drizzle-orm'
import { tenants } from '#drizzle/schema'
import type { SessionPolicy } from '#shared/schemas/security'
import type { TenantScope } from '#server/utils/tenant-db'

// Both changes alter the cached tenant profile: the caller invalidates it once the transaction has
// committed (invalidateTenant), so no request re-caches the old profile in between.

/** Changes how long this tenant's sessions last; applies to every session from its next request. */
export async function updateSessionPolicy(scope: TenantScope, policy: SessionPolicy): Promise<SessionPolicy> {
  const tenant = scope.tenant
  await scope.tx.update(tenants).set(policy).where(eq(tenants.id, tenant.id))
  await scope.audit({ action: 'settings.session_policy_updated', entityType: 'tenant', entityId: tenant.id, before: tenant.sessionPolicy, after: policy })
  return policy
}

/**
 * Replaces the workspace's IP allowlist. A list that would shut out the admin saving it (their
 * current address) is refused, so nobody locks themselves out by mistake.
 */
export async function updateIpAllowlist(scope: TenantScope, ranges: string[]): Promise<{ ranges: string[], yourAddress: string | null }> {
  const tenant = scope.tenant
  const here = plainIp(scope.request.clientIp)
  if (ranges.length && !ipAllowed(here ?? undefined, ranges)) {
    throw apiError(409, 'CONFLICT', `This list would lock you out: your address ${here ?? '(unknown)'} is in none of these ranges`)
  }
  await scope.tx.update(tenants).set({ ipAllowlist: ranges }).where(eq(tenants.id, tenant.id))
  await scope.audit({ action: 'settings.ip_allowlist_updated', entityType: 'tenant', entityId: tenant.id, before: tenant.ipAllowlist, after: ranges })
  return { ranges, yourAddress: here }
}
