import { planParamsSchema, planPatchSchema } from '#shared/schemas/plans'
import { updatePlan } from '#server/services/platform/plans'

// Edits a plan; lowering a limit below tenants' usage needs `confirm: true`. Applies at once.
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { key } = await parseParams(event, planParamsSchema)
  const patch = await parseBody(event, planPatchSchema)
  return updatePlan(platformRunner(event), key, patch)
})
