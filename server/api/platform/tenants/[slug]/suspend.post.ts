import { tenantParamsSchema, tenantSuspendSchema } from '#shared/schemas/platform'
import { suspendTenant } from '#server/services/platform/tenant-lifecycle'

// Suspends the tenant with a reason: its users see the suspended page, its API answers 403; nothing is deleted.
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { slug } = await parseParams(event, tenantParamsSchema)
  const { reason } = await parseBody(event, tenantSuspendSchema)
  return suspendTenant(platformRunner(event), slug, reason)
})
