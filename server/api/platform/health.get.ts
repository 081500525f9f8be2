import { platformHealth } from '#server/services/platform/health'

// The console's health page: database latency, cache, job queues, errors and latency, version, uptime.
export default defineEventHandler((event) => {
  requirePlatformOperator(event)
  return platformHealth()
})
