import Redis from 'ioredis'

// With several instances sharing Redis, each keeps its own miss cache (hosts known to serve
// nothing). When a domain is verified or removed on one instance, every other instance hears it
// here and forgets that host at once, instead of answering "unknown" until its miss entry lapses.
export default defineNitroPlugin((nitroApp) => {
  const url = redisUrl()
  if (!url) return
  // A connection in subscriber mode can do nothing else, hence its own.
  const subscriber = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false })
  const channel = hostInvalidationChannel()
  subscriber.subscribe(channel).catch((error: Error) => logger().warn({ channel, cause: error.message }, 'cache: cannot subscribe to host invalidations'))
  subscriber.on('message', (from: string, hostname: string) => {
    if (from !== channel) return
    void missCache().removeItem(cacheKeys.host(hostname))
    void askCache().removeItem(cacheKeys.host(hostname))
  })
  watchRedis(subscriber, 'host-invalidation')
  nitroApp.hooks.hook('close', () => {
    subscriber.disconnect()
  })
})
