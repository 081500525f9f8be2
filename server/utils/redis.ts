import Redis from 'ioredis'

// One Redis connection per process for the features that talk to it directly (rate limits);
// the tenant cache has its own through unstorage. Null without REDIS_URL.
let client: Redis | null | undefined

/** The shared Redis client, or null when REDIS_URL is not set. */
export function useRedis(): Redis | null {
  if (client === undefined) {
    const url = process.env.REDIS_URL || process.env.NUXT_REDIS_URL
    client = url ? new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false }) : null
  }
  return client
}

/** Closes the client on shutdown. */
export async function closeRedis(): Promise<void> {
  if (client) await client.quit().catch(() => {})
  client = undefined
}
