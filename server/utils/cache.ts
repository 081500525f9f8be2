import { createHash } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import type { Driver, Storage } from 'unstorage'

// Every cache of the server, in one place (docs/architecture.md, "Caches"):
// - tenant lookups (host → tenant, tenant → profile, kill switches): unstorage, Redis when
//   REDIS_URL is set (shared by every instance), else an in-process LRU; written explicitly
//   invalidated on every change (invalidateTenant, invalidateHost, …);
// - answers (dashboard widgets, the home page, record list pages, search, capped counts): keyed
//   by the revisions of everything they show (server/utils/revisions.ts), so a write changes the
//   key and nothing needs invalidating; first a bounded in-process LRU, then, for the tiers that
//   say so, Redis through unstorage (shared by every instance), then the database.

/** Shared cache of host → tenant id and tenant id → public profile (memory LRU, or Redis when REDIS_URL is set). */
export const TENANT_CACHE = 'atrium-tenants'
/** Per-instance, bounded cache of hosts known to serve nothing (so a flood of random hosts costs no SQL). */
export const MISS_CACHE = 'atrium-tenant-miss'

/**
 * Per-instance, short-lived copy of hosts known to serve a tenant, for Caddy's TLS `ask` only:
 * it is asked on every handshake for a name it has no certificate for, and a local hit costs
 * no Redis round trip. Dropped with the host (locally, and on every instance via Redis).
 */
export const ASK_CACHE = 'atrium-ask-approved'

export const tenantCache = (): Storage => useStorage(TENANT_CACHE)
export const askCache = (): Storage => useStorage(ASK_CACHE)
export const missCache = (): Storage => useStorage(MISS_CACHE)

export const cacheKeys = {
  host: (hostname: string) => `host:${hostname}`,
  tenant: (tenantId: string) => `tenant:${tenantId}`,
  killSwitches: () => 'platform:kill-switches',
}

/** Forgets everything cached about one tenant's profile (theme, plan, status, features). */
export async function invalidateTenant(tenantId: string): Promise<void> {
  await tenantCache().removeItem(cacheKeys.tenant(tenantId))
}

/** The Redis channel on which instances tell each other to forget a host in their local miss cache. */
export const hostInvalidationChannel = () => `${useRuntimeConfig().cachePrefix || 'atrium'}:hosts-invalidated`

/**
 * Forgets a host's mapping, positive and negative, after a domain is added, verified or removed.
 * The positive entry is shared (Redis); the miss cache is per instance, so with Redis the other
 * instances are told over pub/sub (server/plugins/5.host-invalidation.ts) and drop theirs at once.
 */
export async function invalidateHost(hostname: string): Promise<void> {
  await Promise.all([
    tenantCache().removeItem(cacheKeys.host(hostname)),
    missCache().removeItem(cacheKeys.host(hostname)),
    askCache().removeItem(cacheKeys.host(hostname)),
  ])
  await useRedis()?.publish(hostInvalidationChannel(), hostname).catch((error: Error) => {
    console.error(`[cache] host invalidation of ${hostname} not broadcast: ${error.message}`)
  })
}

/**
 * After a Redis outage: everything in the shared tenant cache, and this instance's local host
 * caches. Invalidations sent while Redis was away were lost, so none of it can be trusted.
 */
export async function forgetSharedTenantCache(): Promise<void> {
  await Promise.all([tenantCache().clear(), missCache().clear(), askCache().clear()])
  logger().info('tenant cache cleared after the redis outage')
}

/**
 * A Redis cache driver whose failures cost only a trip to the database: while Redis is known to be
 * away (server/utils/redis.ts) it is not asked at all; a read that fails is a miss; a write or
 * removal that fails is dropped (`forgetSharedTenantCache` runs when Redis is back).
 */
export function failSoft(driver: Driver): Driver {
  async function attempt<T>(run: () => T | Promise<T>, fallback: T): Promise<T> {
    if (!redisUp()) return fallback
    try {
      return await run()
    }
    catch {
      return fallback
    }
  }
  return {
    ...driver,
    hasItem: (key, opts) => attempt(() => driver.hasItem(key, opts), false),
    getItem: (key, opts) => attempt(() => driver.getItem(key, opts), null),
    getItems: driver.getItems && ((items, opts) => attempt(() => driver.getItems!(items, opts), [])),
    setItem: driver.setItem && ((key, value, opts) => attempt(() => driver.setItem!(key, value, opts), undefined)),
    setItems: driver.setItems && ((items, opts) => attempt(() => driver.setItems!(items, opts), undefined)),
    removeItem: driver.removeItem && ((key, opts) => attempt(() => driver.removeItem!(key, opts), undefined)),
  }
}

/** Forgets the platform kill switches after one changes. */
export async function invalidateKillSwitches(): Promise<void> {
  await tenantCache().removeItem(cacheKeys.killSwitches())
}

/**
 * Forgets the cached profiles of many tenants (everyone on a plan that just changed). Plan edits
 * are rare, so the hot path keeps its two cache reads and the edit pays: one delete per tenant,
 * sent in batches (pipelined on one connection with Redis).
 */
export async function invalidateTenants(tenantIds: readonly string[]): Promise<void> {
  const cache = tenantCache()
  for (let i = 0; i < tenantIds.length; i += 500) {
    await Promise.all(tenantIds.slice(i, i + 500).map(id => cache.removeItem(cacheKeys.tenant(id))))
  }
}

/** The shared tier of the answer caches (Redis through unstorage; mounted only when Redis is configured). */
export const ANSWER_CACHE = 'atrium-answers'

/** An answer cache: in process first, then (if it has one) the shared tier. */
export interface AnswerCache<T> {
  get: (key: string) => Promise<T | undefined>
  set: (key: string, value: T) => Promise<void>
}

/**
 * About how many bytes an entry holds: its key, and a string's length, a number's 8 bytes, or an
 * object's JSON length times three (V8 objects and their property names take more than their
 * JSON). An estimate, made once when the entry is stored, so the caches are bounded in memory
 * rather than in entries (20,000 small answers and 20,000 large ones differ by gigabytes).
 */
export function entryBytes(key: string, value: unknown): number {
  const body = typeof value === 'string' ? value.length : typeof value === 'number' ? 8 : 3 * JSON.stringify(value).length
  return key.length + body || 1
}

/** The in-process tier of each answer cache, by name, made on first use (its size comes from the runtime config). */
const locals = new Map<string, { lru: LRUCache<string, object | string | number>, maxBytes: number }>()

/** Bytes, entries and the byte limit of each in-process answer cache (the /metrics gauges). */
export function answerCacheStats(): { name: string, bytes: number, entries: number, maxBytes: number }[] {
  return [...locals].map(([name, { lru, maxBytes }]) => ({ name, bytes: lru.calculatedSize ?? 0, entries: lru.size, maxBytes }))
}

/**
 * A cache over a local LRU of at most `megabytes()` (estimated by entryBytes) and, with
 * `sharedTtlSeconds`, Redis too; a Redis failure only costs a recompute.
 */
function tiered<T extends object | string | number>(name: string, megabytes: () => number, ttlSeconds: number, sharedTtlSeconds?: number): AnswerCache<T> {
  // Without Redis there is no shared tier (unstorage's root would be an unbounded in-process map).
  const shared = () => (sharedTtlSeconds && useRedis() ? useStorage(ANSWER_CACHE) : null)
  function localTier(): LRUCache<string, T> {
    let made = locals.get(name)
    if (!made) {
      const maxBytes = Math.max(1, Math.round(megabytes() * 1024 * 1024))
      made = { lru: new LRUCache<string, object | string | number>({ maxSize: maxBytes, sizeCalculation: (value, key) => entryBytes(key, value), ttl: ttlSeconds * 1000 }), maxBytes }
      locals.set(name, made)
    }
    return made.lru as unknown as LRUCache<string, T>
  }
  return {
    async get(key) {
      const local = localTier()
      const hit = local.get(key)
      if (hit !== undefined) return hit
      const value = await shared()?.getItem<T>(key).catch(() => null)
      if (value === null || value === undefined) return undefined
      local.set(key, value)
      return value
    },
    async set(key, value) {
      localTier().set(key, value)
      await shared()?.setItem(key, value, { ttl: sharedTtlSeconds }).catch(() => {})
    },
  }
}

// Process-wide caches (keyed by tenant and revisions, so never request data held across requests).
// Sizes in MB from the runtime config (NUXT_ANSWER_CACHE_MB, NUXT_PAGE_CACHE_MB).
/** Dashboard widget and home answers: shared by every instance through Redis. */
export const analyticsCache = tiered<object>('analytics', () => Number(useRuntimeConfig().answerCacheMb) || 32, 15 * 60, 15 * 60)
/** Record list pages and search answers as JSON text: in process only (each instance warms its own). */
export const pageCache = tiered<string>('pages', () => Number(useRuntimeConfig().pageCacheMb) || 64, 10 * 60)
/** Capped counts of a list's filters (sort, page size and cursor do not change them). */
export const countCache = tiered<number>('counts', () => 4, 10 * 60)

/** A short answer-cache key from its parts (tenant first, so keys of one tenant sort together). */
export function cacheKey(tenantId: string, parts: unknown): string {
  return `${tenantId}:${createHash('sha1').update(JSON.stringify(parts)).digest('base64url')}`
}
