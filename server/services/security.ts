import type { H3Event } from 'h3'
import { eq } from 'drizzle-orm'
import { tenants } from '../../drizzle/schema'
import type { SessionPolicy } from '../../shared/schemas/security'

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
