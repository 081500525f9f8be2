import { platformOverview } from '#server/services/platform/overview'

// The console's overview: tenants, people, usage, and the app's error rate and latency.
export default defineEventHandler((event) => {
  requirePlatformOperator(event)
  return platformOverview()
})
