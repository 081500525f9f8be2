import { planParamsSchema, planTenantsQuerySchema } from '#shared/schemas/plans'
import { planDetail } from '#server/services/platform/plans'

// One plan with a page of the tenants on it and what each uses of its limits.
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { key } = await parseParams(event, planParamsSchema)
  return planDetail(key, await parseQuery(event, planTenantsQuerySchema))
})
