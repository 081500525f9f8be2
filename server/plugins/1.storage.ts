import type { BlobConfig } from '#server/utils/blob-storage'
import lruCacheDriver from 'unstorage/drivers/lru-cache'
import redisDriver from 'unstorage/drivers/redis'

// Mounts the tenant caches at start-up from runtime config: Redis when REDIS_URL is set (shared
// by every instance), an in-process LRU otherwise. Misses stay in a bounded local LRU always.
// Uploaded files get their own mount (server/utils/blob-storage.ts).
export default defineNitroPlugin(() => {
  const config = useRuntimeConfig()
  const storage = useStorage()
  const ttl = Number(config.tenantCacheTtl) || 300
  const redisUrl = process.env.REDIS_URL || process.env.NUXT_REDIS_URL

  storage.mount(TENANT_CACHE, redisUrl
    ? redisDriver({ url: redisUrl, base: `${config.cachePrefix || 'atrium'}:tenants`, ttl })
    : lruCacheDriver({ max: 10_000, ttl: ttl * 1000 }))

  storage.mount(MISS_CACHE, lruCacheDriver({
    max: Number(config.negativeCacheMax) || 10_000,
    ttl: (Number(config.negativeCacheTtl) || 15) * 1000,
  }))

  storage.mount(ASK_CACHE, lruCacheDriver({ max: 10_000, ttl: 10_000 }))

  // The shared tier of the answer caches (server/utils/cache.ts): Redis only; without it the
  // answers stay in each instance's own LRU.
  if (redisUrl) storage.mount(ANSWER_CACHE, redisDriver({ url: redisUrl, base: `${config.cachePrefix || 'atrium'}:analytics` }))

  storage.mount(BLOB_STORAGE, blobDriver(config as BlobConfig))
})
