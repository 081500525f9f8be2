import { tenantParamsSchema } from '#shared/schemas/platform'
import { cancelTenantDeletion } from '#server/services/platform/tenant-lifecycle'

// Cancels a pending deletion (before the purge): the tenant answers again with everything intact.
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { slug } = await parseParams(event, tenantParamsSchema)
  return cancelTenantDeletion(platformRunner(event), slug)
})
