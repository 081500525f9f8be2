import Redis from 'ioredis'
import type { RedisOptions } from 'ioredis'

// Redis is a shared cache and counter store, never the source of truth: every instance keeps
// serving while it is away. So its clients fail fast instead of queueing commands until it comes
// back (no offline queue, one retry, a short command timeout), the callers treat a failure as a
// miss, and one watcher per process knows whether Redis is up, says so once per outage in the log,
// and, when it returns, runs what must happen after an outage (server/utils/cache.ts clears the
// tenant cache, whose invalidations may have been lost meanwhile).

/** Options of every command client (the subscriber has its own: it waits for messages, not answers). */
export const REDIS_CLIENT_OPTIONS: RedisOptions = {
  maxRetriesPerRequest: 1,
  enableOfflineQueue: false,
  connectTimeout: 2000,
  commandTimeout: 1500,
  lazyConnect: false,
}

export const redisUrl = (): string | undefined => process.env.REDIS_URL || process.env.NUXT_REDIS_URL || undefined

interface RedisHealth {
  /** Since when some client has been unable to reach Redis (null while it is reachable). */
  downSince: number | null
  /** Set while the recovery hooks run after an outage. */
  recovering: boolean
  recoveredHooks: (() => Promise<void> | void)[]
  clients: Set<Redis>
}
const health: RedisHealth = ((globalThis as { __atriumRedisHealth?: RedisHealth }).__atriumRedisHealth ??= { downSince: null, recovering: false, recoveredHooks: [], clients: new Set() })

/**
 * Follows one client's connection: the first error of an outage is logged (not every retry), and
 * when every watched client is connected again the recovery hooks run once.
 */
export function watchRedis(client: Redis, name: string): Redis {
  health.clients.add(client)
  const down = (cause: string) => {
    if (health.downSince !== null) return
    health.downSince = Date.now()
    logger().warn({ client: name, cause }, 'redis unreachable: serving from the database until it returns')
  }
  client.on('error', (error: Error) => down(error.message))
  // Emitted when a lost connection is being retried (not after quit()).
  client.on('reconnecting', () => down('connection lost'))
  client.on('ready', () => {
    if (health.downSince === null || health.recovering) return
    if ([...health.clients].some(c => c.status !== 'ready')) return
    // Still "down" until the recovery hooks have run: nothing reads the shared cache before it is cleared.
    health.recovering = true
    const since = health.downSince
    void Promise.all(health.recoveredHooks.map(hook => Promise.resolve().then(hook).catch((error: Error) => {
      logger().error({ cause: error.message }, 'after redis came back')
    }))).then(() => {
      health.downSince = null
      health.recovering = false
      logger().warn({ seconds: Math.round((Date.now() - since) / 100) / 10 }, 'redis reachable again')
    })
  })
  return client
}

/** Runs `hook` each time Redis becomes reachable again after an outage. */
export function onRedisRecovered(hook: () => Promise<void> | void): void {
  health.recoveredHooks.push(hook)
}

/** Whether the clients last found Redis reachable and its recovery is done (true without Redis: nothing to reach). */
export const redisUp = () => health.downSince === null

let client: Redis | null | undefined

/** The shared Redis client (rate limits, usage counters, pub/sub publishing), or null when REDIS_URL is not set. */
export function useRedis(): Redis | null {
  if (client === undefined) {
    const url = redisUrl()
    client = url ? watchRedis(new Redis(url, REDIS_CLIENT_OPTIONS), 'shared') : null
  }
  return client
}

/** Round trip to Redis for readiness and the health page: latency, or the reason it failed. */
export async function pingRedis(): Promise<{ configured: boolean, reachable: boolean, latencyMs: number | null, problem?: string }> {
  const redis = useRedis()
  if (!redis) return { configured: false, reachable: false, latencyMs: null }
  const started = performance.now()
  try {
    // Just created, or reconnecting: give it a moment rather than report a start-up as an outage.
    if (redis.status !== 'ready') {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer)
          redis.off('ready', done)
          resolve()
        }
        const timer = setTimeout(done, 1000)
        redis.once('ready', done)
      })
    }
    await redis.ping()
    const latencyMs = Math.round((performance.now() - started) * 100) / 100
    // Answering again, but what the outage left stale is not cleared yet.
    if (!redisUp()) return { configured: true, reachable: false, latencyMs, problem: 'back, clearing what the outage left stale' }
    return { configured: true, reachable: true, latencyMs }
  }
  catch (error) {
    return { configured: true, reachable: false, latencyMs: null, problem: (error as Error).message }
  }
}

/** Closes the client on shutdown. */
export async function closeRedis(): Promise<void> {
  if (client) {
    health.clients.delete(client)
    await client.quit().catch(() => {})
  }
  client = undefined
}
