import { featureKeyParamsSchema, featureToggleSchema } from '#shared/schemas/features'
import { setTenantFeature } from '#server/services/workspace/features'

// Switches one feature of the plan off for this workspace, or back on.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  const { key } = await parseParams(event, featureKeyParamsSchema)
  const { enabled } = await parseBody(event, featureToggleSchema)
  return setTenantFeature(tenantRunner(event), key, enabled)
})
