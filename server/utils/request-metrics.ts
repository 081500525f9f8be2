import type { RequestMetrics } from '#shared/schemas/platform-console'
import type { H3Event } from 'h3'
import { isAssetPath } from './request-info'

// The app's own request metrics, for the console's error rate and p95 latency of the last hour.
//
// Each instance counts its requests per minute in memory: a count, the 5xx count, and a latency
// histogram (fixed bucket bounds, so histograms of several instances add up exactly). With Redis,
// every few seconds each instance adds what it counted since into one Redis hash per minute
// (HINCRBY, expiring after two hours), so the figures cover every instance behind the load
// balancer; without Redis they are this process's own. The same hashes count the tenant cache's
// hits and misses (host → tenant resolution), for its hit ratio. p95 is read off the histogram, interpolated
// within its bucket: exact to the bucket, which is what an operator needs.

/** Upper bounds (ms) of the latency buckets; the last bucket is everything slower. */
export const LATENCY_BOUNDS = [5, 10, 25, 50, 75, 100, 150, 250, 500, 1000, 2500, 5000, 10_000] as const
const KEEP_MINUTES = 60
const REDIS_TTL_SECONDS = 2 * 60 * 60

interface Minute { count: number, errors: number, cacheHits: number, cacheMisses: number, buckets: number[] }
const COUNTERS = ['count', 'errors', 'cacheHits', 'cacheMisses'] as const
const blank = (): Minute => ({ count: 0, errors: 0, cacheHits: 0, cacheMisses: 0, buckets: Array.from({ length: LATENCY_BOUNDS.length + 1 }, () => 0) })

/** minute (epoch minutes) → everything this process counted in it (kept an hour). */
const local = new Map<number, Minute>()
/** minute → counted here and not yet added to Redis. */
let unsent = new Map<number, Minute>()

const minuteOf = (ms: number) => Math.floor(ms / 60_000)
const redisKey = (minute: number) => `${useRuntimeConfig().cachePrefix || 'atrium'}:req-metrics:${minute}`

/** Probes and static files are not the app's traffic: they would drown the figures that matter. */
export function isMeasured(path: string): boolean {
  return !(isAssetPath(path) || path === '/api/health' || path === '/api/ready')
}

function merge(into: Minute, m: Minute) {
  for (const c of COUNTERS) into[c] += m[c]
  m.buckets.forEach((n, i) => (into.buckets[i]! += n))
}

function add(into: Map<number, Minute>, minute: number, ms: number, error: boolean, cache: unknown) {
  const m = into.get(minute) ?? blank()
  m.count++
  if (error) m.errors++
  if (cache === 'hit') m.cacheHits++
  if (cache === 'miss') m.cacheMisses++
  let i = LATENCY_BOUNDS.findIndex(bound => ms <= bound)
  if (i < 0) i = LATENCY_BOUNDS.length
  m.buckets[i]!++
  into.set(minute, m)
}

/** Counts one finished request (when its response finishes: middleware/1.request.ts). */
export function recordRequest(event: H3Event): void {
  const path = (event.path ?? '/').split('?')[0]!
  if (typeof event.context.startedAt !== 'number' || !isMeasured(path)) return
  const ms = performance.now() - event.context.startedAt
  const minute = minuteOf(Date.now())
  const error = event.node.res.statusCode >= 500
  // A new minute: drop what is older than the hour kept (once a minute, not on every request).
  if (!local.has(minute)) for (const key of local.keys()) if (key < minute - KEEP_MINUTES) local.delete(key)
  add(local, minute, ms, error, event.context.tenantCache)
  add(unsent, minute, ms, error, event.context.tenantCache)
}

/** Adds this instance's unsent counts to the shared per-minute hashes (no-op without Redis). */
export async function flushRequestMetrics(): Promise<void> {
  const redis = useRedis()
  if (!redis || !unsent.size) return
  const batch = unsent
  unsent = new Map()
  const pipeline = redis.pipeline()
  for (const [minute, m] of batch) {
    const key = redisKey(minute)
    for (const c of COUNTERS) if (m[c]) pipeline.hincrby(key, c, m[c])
    m.buckets.forEach((n, i) => n && pipeline.hincrby(key, `b${i}`, n))
    pipeline.expire(key, REDIS_TTL_SECONDS)
  }
  try {
    await pipeline.exec()
  }
  catch (error) {
    // Keep the counts for the next try rather than lose them.
    for (const [minute, m] of batch) {
      const into = unsent.get(minute) ?? blank()
      merge(into, m)
      unsent.set(minute, into)
    }
    throw error
  }
}

/** The latency under which `share` of the requests finished, from a histogram (ms, interpolated in its bucket). */
export function histogramPercentile(buckets: number[], share: number): number | null {
  const total = buckets.reduce((a, b) => a + b, 0)
  if (!total) return null
  const target = share * total
  let seen = 0
  for (let i = 0; i < buckets.length; i++) {
    const n = buckets[i]!
    if (seen + n >= target && n > 0) {
      const lower = i === 0 ? 0 : LATENCY_BOUNDS[i - 1]!
      const upper = LATENCY_BOUNDS[i] ?? LATENCY_BOUNDS.at(-1)! * 2
      return Math.round((lower + ((target - seen) / n) * (upper - lower)) * 10) / 10
    }
    seen += n
  }
  return LATENCY_BOUNDS.at(-1)!
}

/** The last hour's requests, 5xx share and p95 latency, per minute and in total. */
export async function requestMetrics(now = Date.now()): Promise<RequestMetrics> {
  const current = minuteOf(now)
  const minutes = Array.from({ length: KEEP_MINUTES }, (_, i) => current - KEEP_MINUTES + 1 + i)
  let scope: RequestMetrics['scope'] = 'instance'
  let perMinute: Minute[] = minutes.map(m => local.get(m) ?? blank())
  const redis = useRedis()
  if (redis) {
    try {
      await flushRequestMetrics()
      const pipeline = redis.pipeline()
      for (const m of minutes) pipeline.hgetall(redisKey(m))
      const results = await pipeline.exec()
      perMinute = (results ?? []).map(([, value]) => {
        const h = (value ?? {}) as Record<string, string>
        const m = blank()
        for (const c of COUNTERS) m[c] = Number(h[c] ?? 0)
        m.buckets = m.buckets.map((_, i) => Number(h[`b${i}`] ?? 0))
        return m
      })
      scope = 'cluster'
    }
    catch (error) {
      logger().warn({ cause: (error as Error).message }, 'metrics: redis unavailable, showing this instance only')
    }
  }
  const total = blank()
  for (const m of perMinute) merge(total, m)
  const lookups = total.cacheHits + total.cacheMisses
  return {
    scope,
    requests: total.count,
    errors: total.errors,
    errorRate: total.count ? total.errors / total.count : 0,
    p95Ms: histogramPercentile(total.buckets, 0.95),
    cache: { hits: total.cacheHits, misses: total.cacheMisses, hitRatio: lookups ? total.cacheHits / lookups : null },
    series: perMinute.map((m, i) => ({ minute: new Date(minutes[i]! * 60_000).toISOString(), requests: m.count, errors: m.errors, p95Ms: histogramPercentile(m.buckets, 0.95) })),
  }
}
