import { planCreateSchema } from '#shared/schemas/plans'
import { createPlan } from '#server/services/platform/plans'

// Creates a plan: a unique key, a name, limits (null = unlimited) and known features.
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const input = await parseBody(event, planCreateSchema)
  const plan = await withPlatform(event, scope => createPlan(scope, input))
  setResponseStatus(event, 201)
  return plan
})
