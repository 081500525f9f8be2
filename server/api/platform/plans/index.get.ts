import { listPlans } from '#server/services/platform/plans'

// The platform's plans with their limits, features and how many tenants are on each.
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  return listPlans()
})
