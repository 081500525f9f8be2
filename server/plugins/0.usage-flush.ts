// Writes counted API calls into usage_daily every `usageFlushSeconds` (NUXT_USAGE_FLUSH_SECONDS,
// default 10) and once more on shutdown. Numbered 0 so its `close` hook is registered, and so
// runs, before the database plugin's hook closes the pool.
export default defineNitroPlugin((nitroApp) => {
  const seconds = Math.max(1, Number(useRuntimeConfig().usageFlushSeconds) || 10)
  const timer = setInterval(() => {
    flushUsageCounters().catch((error: Error) => logger().warn({ cause: error.message }, 'usage: flush failed'))
  }, seconds * 1000)
  timer.unref()
  nitroApp.hooks.hook('close', async () => {
    clearInterval(timer)
    await flushUsageCounters().catch((error: Error) => logger().error({ cause: error.message }, 'usage: final flush failed'))
  })
})
