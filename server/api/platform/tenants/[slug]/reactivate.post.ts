import { tenantParamsSchema } from '#shared/schemas/platform'
import { reactivateTenant } from '#server/services/platform/tenant-lifecycle'

// Lifts a suspension: the tenant's sessions and API keys work again.
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { slug } = await parseParams(event, tenantParamsSchema)
  return reactivateTenant(platformRunner(event), slug)
})
