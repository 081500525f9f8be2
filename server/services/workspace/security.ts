import type { H3Event } from 'h3'
import { eq } from 'drizzle-orm'
import { tenants } from '#drizzle/schema'
import type { SessionPolicy } from '#shared/schemas/security'

/** Changes how long this tenant's sessions last; applies to every session from its next request. */
export async function updateSessionPolicy(event: H3Event, policy: SessionPolicy): Promise<SessionPolicy> {
  const tenant = requireTenant(event)
  await withTenant(event, async (scope) => {
    await scope.tx.update(tenants).set(policy).where(eq(tenants.id, tenant.id))
    await writeAudit(event, scope, { action: 'settings.session_policy_updated', entityType: 'tenant', entityId: tenant.id, before: tenant.sessionPolicy, after: policy })
  })
  await invalidateTenant(tenant.id)
  return policy
}

/**
 * Replaces the workspace's IP allowlist. A list that would shut out the admin saving it (their
 * current address) is refused, so nobody locks themselves out by mistake.
 */
export async function updateIpAllowlist(event: H3Event, ranges: string[]): Promise<{ ranges: string[], yourAddress: string | null }> {
  const tenant = requireTenant(event)
  const here = plainIp(event.context.clientIp)
  if (ranges.length && !ipAllowed(here ?? undefined, ranges)) {
    throw apiError(409, 'CONFLICT', `This list would lock you out: your address ${here ?? '(unknown)'} is in none of these ranges`)
  }
  await withTenant(event, async (scope) => {
    await scope.tx.update(tenants).set({ ipAllowlist: ranges }).where(eq(tenants.id, tenant.id))
    await writeAudit(event, scope, { action: 'settings.ip_allowlist_updated', entityType: 'tenant', entityId: tenant.id, before: tenant.ipAllowlist, after: ranges })
  })
  await invalidateTenant(tenant.id)
  return { ranges, yourAddress: here }
}
