import { createHash } from 'node:crypto'
import { LRUCache } from 'lru-cache'

// Dashboard results, keyed by everything they depend on: tenant, the sources' revisions, the
// query, the viewer's visibility and the workspace's calendar (see answer.ts). The revision moves
// in the writing transaction, so a cached answer is never stale: a write changes the key. First
// an in-process LRU, then Redis when configured (shared by every instance), then the database.

const local = new LRUCache<string, object>({ max: 20_000, ttl: 15 * 60_000 })
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

/** The cached value under `key`, locally or in Redis; undefined on a miss. */
export async function getCached<T extends object>(key: string): Promise<T | undefined> {
  const hit = local.get(key)
  if (hit) return hit as T
  const redis = useRedis()
  if (!redis) return undefined
  const shared = await redis.get(redisPrefix() + key).catch(() => null)
  if (!shared) return undefined
  const parsed = JSON.parse(shared) as T
  local.set(key, parsed)
  return parsed
}

/** Stores `value` under `key`, locally and in Redis (a Redis failure only costs a recompute). */
export async function setCached(key: string, value: object): Promise<void> {
  local.set(key, value)
  await useRedis()?.set(redisPrefix() + key, JSON.stringify(value), 'EX', REDIS_TTL_S).catch(() => {})
}
