import { planOverview } from '#server/services/workspace/plan'

// The workspace's plan, its limits, what is used of them, and 30 days of API calls.
export default defineEventHandler((event) => {
  requirePermission(event, 'settings:read')
  return planOverview(requireTenant(event))
})
