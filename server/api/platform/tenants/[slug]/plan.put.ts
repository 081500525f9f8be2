import { tenantParamsSchema, tenantPlanChangeSchema } from '#shared/schemas/platform'
import { changeTenantPlan } from '#server/services/platform/tenant-lifecycle'

// Moves the tenant to another plan; limits and features follow at once (the answer lists limits now exceeded).
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { slug } = await parseParams(event, tenantParamsSchema)
  const { plan } = await parseBody(event, tenantPlanChangeSchema)
  return changeTenantPlan(platformRunner(event), slug, plan)
})
