import Redis from 'ioredis'

// With several instances sharing Redis, each keeps its own miss cache (hosts known to serve
// nothing). When a domain is verified or removed on one instance, every other instance hears it
// here and forgets that host at once, instead of answering "unknown" until its miss entry lapses.
export default defineNitroPlugin((nitroApp) => {
  const url = process.env.REDIS_URL || process.env.NUXT_REDIS_URL
  if (!url) return
  // A connection in subscriber mode can do nothing else, hence its own.
  const subscriber = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false })
  const channel = hostInvalidationChannel()
  subscriber.subscribe(channel).catch((error: Error) => console.error(`[cache] cannot subscribe to ${channel}: ${error.message}`))
  subscriber.on('message', (from: string, hostname: string) => {
    if (from !== channel) return
    void missCache().removeItem(cacheKeys.host(hostname))
    void askCache().removeItem(cacheKeys.host(hostname))
  })
  subscriber.on('error', (error: Error) => console.error(`[cache] host invalidation subscriber: ${error.message}`))
  nitroApp.hooks.hook('close', () => {
    subscriber.disconnect()
  })
})
