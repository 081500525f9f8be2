import type { H3Event } from 'h3'
import { eq } from 'drizzle-orm'
import { tenants } from '#drizzle/schema'
import type { GeneralSettings } from '#shared/schemas/workspace'

/** The workspace's name and preferences as the General form edits them. */
export function generalSettings(event: H3Event): GeneralSettings {
  const tenant = requireTenant(event)
  return { name: tenant.name, ...tenant.preferences }
}

/** Renames the workspace and sets its preferences in one write; every instance sees it at once. */
export async function updateGeneralSettings(event: H3Event, input: GeneralSettings): Promise<GeneralSettings> {
  const tenant = requireTenant(event)
  const before = generalSettings(event)
  const { name, ...preferences } = input
  await withTenant(event, async (scope) => {
    await scope.tx.update(tenants).set({ name, preferences }).where(eq(tenants.id, tenant.id))
    await writeAudit(event, scope, { action: 'settings.general_updated', entityType: 'tenant', entityId: tenant.id, before, after: input })
  })
  await invalidateTenant(tenant.id)
  return input
}
