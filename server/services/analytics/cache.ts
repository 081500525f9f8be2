import { createHash } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import type { WidgetResult } from '../../../shared/analytics'

// Results of widget queries, keyed by everything they depend on: tenant, the source's revision,
// the query, the viewer's visibility and the workspace's calendar (see keyOf). The revision moves
// in the writing transaction, so a cached answer is never stale: a write changes the key. First
// an in-process LRU, then Redis when configured (shared by every instance), then the database.

const local = new LRUCache<string, WidgetResult>({ max: 20_000, ttl: 15 * 60_000 })
const REDIS_TTL_S = 15 * 60
let prefix: string | undefined

function redisPrefix(): string {
  // Read once: useRuntimeConfig copies the config, and this runs on every dashboard request.
  prefix ??= `${useRuntimeConfig().cachePrefix || 'atrium'}:analytics:`
  return prefix
}

/** A short cache key from its parts (tenant first, so keys of one tenant sort together). */
export function cacheKey(tenantId: string, parts: unknown): string {
  return `${tenantId}:${createHash('sha1').update(JSON.stringify(parts)).digest('base64url')}`
}

/** The cached result for `key`, or `compute()` stored under it. */
export async function cachedResult(key: string, compute: () => Promise<WidgetResult>): Promise<WidgetResult> {
  const hit = local.get(key)
  if (hit) return hit
  const redis = useRedis()
  if (redis) {
    const shared = await redis.get(redisPrefix() + key).catch(() => null)
    if (shared) {
      const parsed = JSON.parse(shared) as WidgetResult
      local.set(key, parsed)
      return parsed
    }
  }
  const fresh = await compute()
  local.set(key, fresh)
  if (redis) await redis.set(redisPrefix() + key, JSON.stringify(fresh), 'EX', REDIS_TTL_S).catch(() => {})
  return fresh
}

/** Empties the in-process cache (tests and benchmarks measure cold paths with it). */
export function clearLocalAnalyticsCache(): void {
  local.clear()
}
