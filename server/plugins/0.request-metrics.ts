// Sends each instance's request counts (server/utils/request-metrics.ts, counted by
// middleware/1.request.ts) to Redis every 5 seconds, and once more on shutdown.
export default defineNitroPlugin((nitroApp) => {
  const timer = setInterval(() => {
    flushRequestMetrics().catch((error: Error) => logger().warn({ cause: error.message }, 'metrics: flush failed'))
  }, 5_000)
  timer.unref()
  nitroApp.hooks.hook('close', async () => {
    clearInterval(timer)
    await flushRequestMetrics().catch(() => {})
  })
})
