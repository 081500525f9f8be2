import type { H3Event } from 'h3'
import client from 'prom-client'
import type { Counter, Gauge, Histogram, Registry } from 'prom-client'
import { answerCacheStats } from './cache'

// The metrics `GET /metrics` serves in Prometheus's text format (see docs/operations.md): requests
// and their latency by route pattern and status, the tenant cache's lookups, database
// transactions in flight against the pool's size, job queues, live sessions, and the process's
// own figures (CPU, memory, event-loop lag, GC). Labels are route patterns (`/api/records/:type`),
// never raw paths or hosts, so their number stays bounded whatever the traffic.
//
// The registry lives on globalThis: a dev server reloads this module, and prom-client refuses a
// second metric of one name in a registry.

export interface AtriumMetrics {
  registry: Registry
  requests: Counter<'method' | 'route' | 'status'>
  duration: Histogram<'method' | 'route' | 'status_class'>
  tenantCache: Counter<'result'>
  transactions: Gauge
  poolSize: Gauge
  jobs: Counter<'queue' | 'outcome'>
  queue: Gauge<'queue' | 'state'>
  sessions: Gauge
}

const KEY = Symbol.for('atrium.prometheus')
type Holder = typeof globalThis & { [KEY]?: AtriumMetrics }

export function metrics(): AtriumMetrics {
  const holder = globalThis as Holder
  if (holder[KEY]) return holder[KEY]
  const registry = new client.Registry()
  registry.setDefaultLabels({ service: 'atrium' })
  client.collectDefaultMetrics({ register: registry, prefix: 'atrium_' })
  const made: AtriumMetrics = {
    registry,
    requests: new client.Counter({ name: 'atrium_http_requests_total', help: 'HTTP requests answered, by method, route pattern and status', labelNames: ['method', 'route', 'status'], registers: [registry] }),
    duration: new client.Histogram({ name: 'atrium_http_request_duration_seconds', help: 'Time to answer, by method, route pattern and status class', labelNames: ['method', 'route', 'status_class'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] }),
    tenantCache: new client.Counter({ name: 'atrium_tenant_cache_lookups_total', help: 'Host → tenant resolutions, by cache result (hit, miss)', labelNames: ['result'], registers: [registry] }),
    transactions: new client.Gauge({ name: 'atrium_db_transactions_active', help: 'Database transactions open in this process (each holds a pool connection)', registers: [registry] }),
    poolSize: new client.Gauge({ name: 'atrium_db_pool_size', help: 'Connections the database pool may open', registers: [registry] }),
    jobs: new client.Counter({ name: 'atrium_jobs_total', help: 'Jobs run by this process, by queue and outcome (completed, failed)', labelNames: ['queue', 'outcome'], registers: [registry] }),
    queue: new client.Gauge({ name: 'atrium_job_queue_jobs', help: 'Jobs stored per queue, by state (ready, deferred, active, failed); shared by every instance', labelNames: ['queue', 'state'], registers: [registry] }),
    sessions: new client.Gauge({ name: 'atrium_sessions_live', help: 'Sessions neither expired nor revoked, across every tenant', registers: [registry] }),
  }
  const caches = answerCacheStats
  new client.Gauge({ name: 'atrium_answer_cache_bytes', help: 'Estimated bytes held by each in-process answer cache', labelNames: ['cache'], registers: [registry], collect() {
    for (const c of caches()) this.set({ cache: c.name }, c.bytes)
  } })
  new client.Gauge({ name: 'atrium_answer_cache_max_bytes', help: 'The byte limit of each in-process answer cache (NUXT_ANSWER_CACHE_MB, NUXT_PAGE_CACHE_MB)', labelNames: ['cache'], registers: [registry], collect() {
    for (const c of caches()) this.set({ cache: c.name }, c.maxBytes)
  } })
  new client.Gauge({ name: 'atrium_answer_cache_entries', help: 'Entries in each in-process answer cache', labelNames: ['cache'], registers: [registry], collect() {
    for (const c of caches()) this.set({ cache: c.name }, c.entries)
  } })
  holder[KEY] = made
  return made
}

/**
 * The route pattern of a request, for labels: the API route's pattern as the router matched it,
 * `page` for pages, `asset` for build files, `unmatched` for anything else.
 */
export function routePattern(event: H3Event): string {
  const path = (event.path ?? '/').split('?')[0]!
  const matched = (event.context.matchedRoute as { path?: string } | undefined)?.path
  if (path.startsWith('/api/') || path === '/metrics') return matched && matched !== '/**' ? matched : 'unmatched'
  return isAssetPath(path) ? 'asset' : 'page'
}

/** Counts one answered request (middleware/1.request.ts, when the response finishes). */
export function observeRequest(event: H3Event, seconds: number): void {
  const m = metrics()
  const status = event.node.res.statusCode
  const route = routePattern(event)
  const method = event.method
  m.requests.inc({ method, route, status: String(status) })
  m.duration.observe({ method, route, status_class: `${Math.floor(status / 100)}xx` }, seconds)
  const cache = event.context.tenantCache
  if (cache === 'hit' || cache === 'miss') m.tenantCache.inc({ result: cache })
}

/** Counts a database transaction in flight while `fn` runs. */
export async function countedTransaction<T>(fn: () => Promise<T>): Promise<T> {
  const gauge = metrics().transactions
  gauge.inc()
  try {
    return await fn()
  }
  finally {
    gauge.dec()
  }
}
