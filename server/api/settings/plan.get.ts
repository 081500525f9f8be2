import { planOverview } from '../../services/plan'

// The workspace's plan, its limits, what is used of them, and 30 days of API calls.
export default defineEventHandler((event) => {
  requirePermission(event, 'settings:read')
  return planOverview(event)
})
