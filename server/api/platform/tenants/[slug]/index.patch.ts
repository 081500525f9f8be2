import { tenantParamsSchema, tenantPatchSchema } from '#shared/schemas/platform'
import { updateTenant } from '#server/services/platform/tenants'

export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { slug } = await parseParams(event, tenantParamsSchema)
  const patch = await parseBody(event, tenantPatchSchema)
  return updateTenant(platformRunner(event), slug, patch)
})
