import { tenantDeleteSchema, tenantParamsSchema } from '#shared/schemas/platform'
import { softDeleteTenant } from '#server/services/platform/tenant-lifecycle'

// Soft delete (the slug repeated as confirmation): the tenant stops answering now, its rows go after the grace period.
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { slug } = await parseParams(event, tenantParamsSchema)
  const { confirmSlug } = await parseBody(event, tenantDeleteSchema)
  return softDeleteTenant(platformRunner(event), slug, confirmSlug)
})
