import { planParamsSchema } from '#shared/schemas/plans'
import { deletePlan } from '#server/services/platform/plans'

// Deletes a plan no tenant is on.
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { key } = await parseParams(event, planParamsSchema)
  await deletePlan(platformRunner(event), key)
  setResponseStatus(event, 204)
  return null
})
