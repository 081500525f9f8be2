import { eq } from 'drizzle-orm'
import { tenants } from '#drizzle/schema'
import type { GeneralSettings } from '#shared/schemas/workspace'
import type { TenantContext } from '#server/utils/tenant'
import type { TenantRunner } from '#server/utils/scope-runner'

/** The workspace's name and preferences as the General form edits them. */
export function generalSettings(tenant: Pick<TenantContext, 'name' | 'preferences'>): GeneralSettings {
  return { name: tenant.name, ...tenant.preferences }
}

/**
 * Renames the workspace and sets its preferences in one write; every instance sees it at once (the
 * tenant's cache is dropped after the commit, hence a runner).
 */
export async function updateGeneralSettings(run: TenantRunner, input: GeneralSettings): Promise<GeneralSettings> {
  const { name, ...preferences } = input
  const tenantId = await run(async (scope) => {
    const tenant = scope.tenant
    const before = generalSettings(tenant)
    await scope.tx.update(tenants).set({ name, preferences }).where(eq(tenants.id, tenant.id))
    await scope.audit({ action: 'settings.general_updated', entityType: 'tenant', entityId: tenant.id, before, after: input })
    return tenant.id
  })
  await invalidateTenant(tenantId)
  return input
}
