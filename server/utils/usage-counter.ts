import type { H3Event } from 'h3'
import type Redis from 'ioredis'
import { eq, sql } from 'drizzle-orm'
import { usageDaily } from '#drizzle/schema'
import type { TenantContext } from './tenant'

// API calls per tenant per UTC day, counted without a database write per request.
//
// Two separate things are kept, on purpose:
// - the *day's count*, read to enforce the plan's `apiCallsPerDay`: one Redis key per tenant and
//   day (shared by every instance, checked and incremented atomically by a small script, expiring
//   after two days), or a counter in this process without Redis. It starts from what the
//   database already holds for the day, read once.
// - this instance's *unflushed calls* (`pending`), added into `usage_daily` by `flushUsageCounters`
//   every few seconds (server/plugins/0.usage-flush.ts) and on shutdown with
//   `value = usage_daily.value + excluded.value`. Each instance writes only the calls it served
//   itself and Redis is never written back, so several instances never count a call twice.
//
// The Maps below are process-wide counters keyed by tenant id, never request data of a page.

const DAY_KEY_TTL_SECONDS = 2 * 24 * 60 * 60

/** `${tenantId}|${day}` → calls served by this instance and not yet in the database. */
let pending = new Map<string, number>()
/** `${tenantId}|${day}` → the day's count, when there is no Redis (or Redis failed). */
const localCounts = new Map<string, number>()
let flushing: Promise<void> | null = null
let redisWarned = false

/** Today's date in UTC (`YYYY-MM-DD`). */
export function utcDay(at = new Date()): string {
  return at.toISOString().slice(0, 10)
}

/** The next 00:00 UTC: when the daily allowance starts again. */
export function nextUtcMidnight(at = new Date()): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1))
}

/** Seconds until the next 00:00 UTC (at least 1), for Retry-After. */
export function secondsUntilUtcMidnight(at = new Date()): number {
  return Math.max(1, Math.ceil((nextUtcMidnight(at).getTime() - at.getTime()) / 1000))
}

const slot = (tenantId: string, day: string) => `${tenantId}|${day}`
const redisKey = (tenantId: string, day: string) => `${useRuntimeConfig().cachePrefix || 'atrium'}:usage:api_calls:${tenantId}:${day}`

// KEYS[1] the day's counter. ARGV: limit (-1 = none), baseline (-1 = not read yet), ttl.
// Returns {1, count} when counted, {0, count} when the limit is reached (nothing counted),
// {-1, 0} when the key does not exist yet and the caller must read the baseline first.
const TAKE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if not current then
  if tonumber(ARGV[2]) < 0 then return {-1, 0} end
  current = ARGV[2]
  redis.call('SET', KEYS[1], current, 'EX', ARGV[3])
end
current = tonumber(current)
local limit = tonumber(ARGV[1])
if limit >= 0 and current >= limit then return {0, current} end
return {1, redis.call('INCRBY', KEYS[1], 1)}
`

type TakeRedis = Redis & { atriumUsageTake: (key: string, limit: number, baseline: number, ttl: number) => Promise<[number, number]> }

function takeClient(redis: Redis): TakeRedis {
  const client = redis as TakeRedis
  // defineCommand sends the script once, then calls it by its hash (EVALSHA).
  if (!client.atriumUsageTake) client.defineCommand('atriumUsageTake', { numberOfKeys: 1, lua: TAKE_SCRIPT })
  return client
}

/** The API calls of one day already written to `usage_daily`. */
async function storedApiCalls(tenantId: string, day: string): Promise<number> {
  const [row] = await runInTenant(tenantId, scope => scope.tx.select({ value: usageDaily.value }).from(usageDaily)
    .where(scope.where(usageDaily, eq(usageDaily.metric, 'api_calls'), eq(usageDaily.day, day))).limit(1))
  return row?.value ?? 0
}

/** What the database already holds for the day, plus this instance's calls not yet flushed. */
async function baseline(tenantId: string, day: string): Promise<number> {
  return await storedApiCalls(tenantId, day) + (pending.get(slot(tenantId, day)) ?? 0)
}

async function takeFromRedis(redis: Redis, tenantId: string, day: string, limit: number): Promise<boolean> {
  const client = takeClient(redis)
  const key = redisKey(tenantId, day)
  let [status] = await client.atriumUsageTake(key, limit, -1, DAY_KEY_TTL_SECONDS)
  // The day's first call anywhere (or Redis lost the key): one SQL read, then the script seeds it.
  if (status === -1) [status] = await client.atriumUsageTake(key, limit, await baseline(tenantId, day), DAY_KEY_TTL_SECONDS)
  return status === 1
}

async function takeFromMemory(tenantId: string, day: string, limit: number): Promise<boolean> {
  const key = slot(tenantId, day)
  if (!localCounts.has(key)) {
    const base = await baseline(tenantId, day)
    if (!localCounts.has(key)) localCounts.set(key, base)
  }
  const current = localCounts.get(key)!
  if (limit >= 0 && current >= limit) return false
  localCounts.set(key, current + 1)
  return true
}

/** Counts one call if the day's allowance has room; false when the limit is reached (nothing counted). */
async function take(tenantId: string, day: string, limit: number): Promise<boolean> {
  const redis = useRedis()
  if (redis) {
    try {
      return await takeFromRedis(redis, tenantId, day, limit)
    }
    catch (error) {
      // A Redis outage must not stop the API: count in this process until it is back.
      if (!redisWarned) logger().warn({ cause: (error as Error).message }, 'usage: redis unavailable, counting API calls in this process')
      redisWarned = true
    }
  }
  return takeFromMemory(tenantId, day, limit)
}

/**
 * Counts one API-key call for the tenant, for today (UTC). Beyond the plan's `apiCallsPerDay`
 * it answers 429 with Retry-After (seconds until 00:00 UTC) and counts nothing. No SQL on the
 * hot path: one Redis round trip (or none without Redis); the database gets the calls at the next flush.
 */
export async function countApiCall(event: H3Event, tenant: TenantContext): Promise<void> {
  const day = utcDay()
  const limit = tenant.apiCallsPerDay ?? null
  if (!await take(tenant.id, day, limit ?? -1)) {
    setHeader(event, 'retry-after', secondsUntilUtcMidnight())
    throw apiError(429, 'QUOTA_EXCEEDED', `This workspace has used its ${limit!.toLocaleString('en-US')} API calls for today; the limit resets at 00:00 UTC`)
  }
  const key = slot(tenant.id, day)
  pending.set(key, (pending.get(key) ?? 0) + 1)
}

/** Today's API calls for the tenant as enforced: the shared counter, or the database plus unflushed calls. */
export async function apiCallsToday(tenantId: string): Promise<number> {
  const day = utcDay()
  const redis = useRedis()
  if (redis) {
    const value = await redis.get(redisKey(tenantId, day)).catch(() => null)
    if (value !== null) return Number(value)
  }
  return localCounts.get(slot(tenantId, day)) ?? baseline(tenantId, day)
}

/** Adds this instance's unflushed calls into `usage_daily` (one upsert per tenant); failed ones are kept for the next flush. */
export function flushUsageCounters(): Promise<void> {
  flushing ??= writePending().finally(() => {
    flushing = null
  })
  return flushing
}

async function writePending(): Promise<void> {
  const today = utcDay()
  for (const key of localCounts.keys()) {
    if (!key.endsWith(`|${today}`)) localCounts.delete(key)
  }
  if (!pending.size) return
  const batch = pending
  pending = new Map()
  const byTenant = new Map<string, { day: string, value: number }[]>()
  for (const [key, value] of batch) {
    const [tenantId, day] = key.split('|') as [string, string]
    byTenant.set(tenantId, [...byTenant.get(tenantId) ?? [], { day, value }])
  }
  const oldest = utcDay(new Date(Date.now() - DAY_KEY_TTL_SECONDS * 1000))
  for (const [tenantId, rows] of byTenant) {
    try {
      await runInTenant(tenantId, scope => scope.tx.insert(usageDaily)
        .values(scope.values(usageDaily, rows.map(r => ({ day: r.day, metric: 'api_calls' as const, value: r.value }))))
        .onConflictDoUpdate({
          target: [usageDaily.tenantId, usageDaily.metric, usageDaily.day],
          set: { value: sql`${usageDaily.value} + excluded.value`, updatedAt: sql`now()` },
        }))
    }
    catch (error) {
      logger().warn({ tenantId, cause: (error as Error).message }, 'usage: flush failed, retrying later')
      // Kept for the next flush, unless so old the tenant is likely gone (a deleted workspace).
      for (const r of rows) {
        if (r.day < oldest) continue
        const key = slot(tenantId, r.day)
        pending.set(key, (pending.get(key) ?? 0) + r.value)
      }
    }
  }
}
