import type { BlobConfig } from '#server/utils/blob-storage'
import lruCacheDriver from 'unstorage/drivers/lru-cache'
import redisDriver from 'unstorage/drivers/redis'
import type { Driver } from 'unstorage'

// Mounts the tenant caches at start-up from runtime config: Redis when REDIS_URL is set (shared
// by every instance), an in-process LRU otherwise. Misses stay in a bounded local LRU always.
// Uploaded files get their own mount (server/utils/blob-storage.ts).
export default defineNitroPlugin(() => {
  const config = useRuntimeConfig()
  const storage = useStorage()
  const ttl = Number(config.tenantCacheTtl) || 300
  const url = redisUrl()

  /** A Redis mount whose failures read as misses (server/utils/redis.ts), its client watched. */
  const shared = (name: string, ttl?: number): Driver => {
    const driver = redisDriver({ ...REDIS_CLIENT_OPTIONS, url, base: `${config.cachePrefix || 'atrium'}:${name}`, ttl })
    watchRedis(driver.getInstance!(), name)
    return failSoft(driver)
  }

  storage.mount(TENANT_CACHE, url ? shared('tenants', ttl) : lruCacheDriver({ max: 10_000, ttl: ttl * 1000 }))
  // Changes made while Redis was away could not drop their entries there: distrust it all.
  if (url) {
    onRedisRecovered(forgetSharedTenantCache)
    useRedis() // connected from the start, not at the first rate limit
  }

  storage.mount(MISS_CACHE, lruCacheDriver({
    max: Number(config.negativeCacheMax) || 10_000,
    ttl: (Number(config.negativeCacheTtl) || 15) * 1000,
  }))

  storage.mount(ASK_CACHE, lruCacheDriver({ max: 10_000, ttl: 10_000 }))

  // The shared tier of the answer caches (server/utils/cache.ts): Redis only; without it the
  // answers stay in each instance's own LRU.
  if (url) storage.mount(ANSWER_CACHE, shared('analytics'))

  storage.mount(BLOB_STORAGE, blobDriver(config as BlobConfig))
})
