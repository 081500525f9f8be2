import pkg from '../../../package.json'
import type { PlatformHealth } from '#shared/schemas/platform-console'
import { checkReadiness } from '#server/utils/readiness'
import { requestMetrics } from '#server/utils/request-metrics'
import { JOB_QUEUES } from '#server/database/jobs-schema'

const STARTED_AT = new Date()
/** The running build: the package version, plus the commit when the platform names it (Vercel, CI). */
const VERSION = [pkg.version, (process.env.NUXT_APP_COMMIT || process.env.VERCEL_GIT_COMMIT_SHA || '').slice(0, 7)].filter(Boolean).join('+')

async function jobQueues(problems: string[]): Promise<PlatformHealth['jobs']> {
  try {
    const boss = await useJobs()
    const queues = await boss.getQueues(Object.keys(JOB_QUEUES))
    const rows = queues.map(q => ({ name: q.name, queued: q.queuedCount, active: q.activeCount, failed: q.failedCount, deferred: q.deferredCount }))
    for (const q of rows) if (q.failed) problems.push(`jobs: ${q.failed} failed ${q.name} job${q.failed === 1 ? '' : 's'} kept`)
    return { mode: jobMode(), reachable: true, queues: rows }
  }
  catch (error) {
    problems.push(`jobs: ${(error as Error).message.split('\n')[0]}`)
    return { mode: jobMode(), reachable: false, queues: [] }
  }
}

/** The health page: database, cache, background jobs, request figures, version and uptime of this instance. */
export async function platformHealth(): Promise<PlatformHealth> {
  const problems: string[] = []
  const [ready, requests] = await Promise.all([checkReadiness(), requestMetrics()])
  problems.push(...ready.problems, ...ready.degraded)
  const jobs = await jobQueues(problems)
  if (requests.requests >= 20 && requests.errorRate > 0.05) problems.push(`requests: ${(requests.errorRate * 100).toFixed(1)}% answered with a server error in the last hour`)
  const handle = await useDatabase()
  return {
    status: problems.length ? 'degraded' : 'ok',
    version: VERSION,
    instance: JOB_INSTANCE,
    uptimeSeconds: Math.round(process.uptime()),
    startedAt: STARTED_AT.toISOString(),
    database: { driver: handle.driver, reachable: ready.database.reachable, latencyMs: ready.database.latencyMs, migrations: ready.migrations },
    cache: { driver: ready.redis.configured ? 'redis' : 'memory', redisLatencyMs: ready.redis.latencyMs, hitRatio: requests.cache.hitRatio, hits: requests.cache.hits, misses: requests.cache.misses },
    jobs,
    requests: { requests: requests.requests, errorRate: requests.errorRate, p95Ms: requests.p95Ms, scope: requests.scope },
    problems,
  }
}
