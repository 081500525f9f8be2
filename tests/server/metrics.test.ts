import { describe, expect, it } from 'vitest'
import { METRICS_TOKEN } from '../support/env'
import { hit, serversPerDriver, signIn } from '../support/http'

// GET /metrics: refused without its token, and after traffic it lists the request series by route
// pattern (never a raw path or a host), the tenant cache's lookups, the pool, the job queues, the
// live sessions and the process's own figures, in Prometheus's text format.

const scrape = (port: number, token?: string) => hit(port, '127.0.0.1', '/metrics', { headers: token ? { authorization: `Bearer ${token}` } : {} })

/** The value of one series line, e.g. `atrium_sessions_live{service="atrium"}`; undefined when absent. */
function series(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.split(' ').at(-1))
  }
  return undefined
}

describe.each(serversPerDriver())('metrics on $name', ({ port }) => {
  it('is refused without the token, or with a wrong one', async () => {
    for (const token of [undefined, 'wrong', `${METRICS_TOKEN}x`]) {
      const res = await scrape(port, token)
      expect(res.status).toBe(401)
      expect(res.json().data.code).toBe('UNAUTHORIZED')
      expect(res.body).not.toContain('atrium_http')
    }
  })

  it('lists requests by route pattern and status after traffic, and the other series', async () => {
    const cookie = await signIn(port, 'dunder.localhost', 'admin@dunder.test')
    const before = series((await scrape(port, METRICS_TOKEN)).body, 'atrium_http_requests_total', { method: 'GET', route: '/api/records/:type/:id', status: '404' }) ?? 0
    for (const id of ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003']) {
      expect((await hit(port, 'dunder.localhost', `/api/records/accounts/${id}`, { headers: { cookie } })).status).toBe(404)
    }
    // A request is counted when its response has finished on the server, a moment after the client has it.
    let text = ''
    await expect.poll(async () => {
      const res = await scrape(port, METRICS_TOKEN)
      expect(res.status).toBe(200)
      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/)
      text = res.body
      return series(text, 'atrium_http_requests_total', { method: 'GET', route: '/api/records/:type/:id', status: '404' })
    }, { timeout: 2000 }).toBe(before + 3)
    expect(series(text, 'atrium_http_request_duration_seconds_count', { route: '/api/records/:type/:id', status_class: '4xx' })).toBeGreaterThanOrEqual(3)
    // Route patterns only: no id, no host in any label.
    expect(text).not.toContain('00000000-0000-4000-8000-000000000001')
    expect(text).not.toMatch(/route="[^"]*dunder/)
    expect(series(text, 'atrium_tenant_cache_lookups_total', { result: 'hit' })).toBeGreaterThan(0)
    expect(series(text, 'atrium_db_pool_size')).toBeGreaterThanOrEqual(1)
    expect(series(text, 'atrium_db_transactions_active')).toBeGreaterThanOrEqual(0)
    expect(series(text, 'atrium_sessions_live')).toBeGreaterThanOrEqual(1)
    expect(text).toMatch(/^atrium_job_queue_jobs\{[^}]*queue="[\w-]+"[^}]*state="ready"/m)
    expect(series(text, 'atrium_process_resident_memory_bytes')).toBeGreaterThan(0)
  })

  it('shows what the answer caches hold against their byte limits, which grow with what is cached', async () => {
    const cookie = await signIn(port, 'dunder.localhost', 'admin@dunder.test')
    const read = async () => {
      const text = (await scrape(port, METRICS_TOKEN)).body
      return { bytes: series(text, 'atrium_answer_cache_bytes', { cache: 'pages' }) ?? 0, entries: series(text, 'atrium_answer_cache_entries', { cache: 'pages' }) ?? 0, max: series(text, 'atrium_answer_cache_max_bytes', { cache: 'pages' }) }
    }
    const before = await read()
    // A list view no other test asks for (this odd filter and page size) is computed and cached.
    expect((await hit(port, 'dunder.localhost', '/api/records/accounts?limit=23&sort=name&dir=desc&createdAtFrom=2001-02-03', { headers: { cookie } })).status).toBe(200)
    const after = await read()
    expect(after.max).toBe(64 * 1024 * 1024)
    expect(after.entries).toBeGreaterThan(before.entries)
    expect(after.bytes).toBeGreaterThan(before.bytes)
    expect(after.bytes).toBeLessThanOrEqual(after.max!)
  })
})
