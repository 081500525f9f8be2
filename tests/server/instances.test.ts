import { createServer, request } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hit, platformApi, servers, signIn } from '../support/http'
import type { Hit } from '../support/http'
import { ownerAccess } from '../support/owner'

// Three instances (postgres, postgres-b, postgres-proxy) share one PostgreSQL database and one
// Redis, behind a small round-robin proxy on 127.0.0.1 as a load balancer would put them. Each
// change goes in through the proxy, so it lands on whichever instance is next; then every instance
// is asked directly, and must show the change within one second. Tenant: aperture (nobody else's).

const HOST = 'aperture.localhost'
const WITHIN_MS = 1000

/** A round-robin HTTP proxy over the given ports; it keeps the Host header and counts its picks. */
function roundRobin(ports: number[]): Promise<{ server: Server, port: number, picks: number[] }> {
  const picks = ports.map(() => 0)
  let next = 0
  const server = createServer((req, res) => {
    const i = next++ % ports.length
    picks[i]!++
    const upstream = request({ host: '127.0.0.1', port: ports[i], method: req.method, path: req.url, headers: { ...req.headers, 'x-forwarded-for': '127.0.0.1' }, setHost: false }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => {
      res.writeHead(502).end()
    })
    req.pipe(upstream)
  })
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, picks })))
}

/** Polls every instance until `seen` holds on each; returns how long the slowest took (ms). */
async function seenEverywhere(ports: number[], ask: (port: number) => Promise<Hit>, seen: (res: Hit) => boolean): Promise<number> {
  const started = performance.now()
  const took = await Promise.all(ports.map(async (port) => {
    for (;;) {
      if (seen(await ask(port))) return performance.now() - started
      if (performance.now() - started > 5 * WITHIN_MS) throw new Error(`instance on port ${port} did not see the change within ${5 * WITHIN_MS} ms`)
      await new Promise(r => setTimeout(r, 25))
    }
  }))
  return Math.max(...took)
}

describe('three instances behind one proxy, sharing PostgreSQL and Redis', () => {
  const instances = servers().filter(s => s.driver === 'postgres')
  const owner = ownerAccess()
  const ports = instances.map(s => s.port)
  let proxy: Awaited<ReturnType<typeof roundRobin>>
  let admin: string
  const through = (path: string, init: Parameters<typeof hit>[3] = {}) => hit(proxy.port, HOST, path, { ...init, headers: { cookie: admin, ...init.headers } })

  beforeAll(async () => {
    expect(instances.length).toBe(3)
    proxy = await roundRobin(ports)
    admin = await signIn(proxy.port, HOST, 'admin@aperture.test')
  })
  afterAll(async () => {
    await new Promise(r => proxy.server.close(r))
  })

  it('spreads requests over all three instances', async () => {
    const before = [...proxy.picks]
    const answers = await Promise.all(Array.from({ length: 9 }, () => hit(proxy.port, HOST, '/api/site')))
    expect(answers.every(a => a.status === 200)).toBe(true)
    expect(proxy.picks.map((n, i) => n - before[i]!)).toEqual([3, 3, 3])
  })

  it('a branding change is served by every instance within a second', async () => {
    // Every instance has the current theme cached first.
    for (const port of ports) expect((await hit(port, HOST, '/login')).body).toContain('--color-brand-500:#ea580c')
    const { theme } = (await through('/api/settings/branding')).json()
    try {
      expect((await through('/api/settings/branding', { method: 'PUT', body: { ...theme, primary: '#0f766e' } })).status).toBe(200)
      const ms = await seenEverywhere(ports, port => hit(port, HOST, '/login'), res => res.body.includes('--color-brand-500:#0f766e'))
      expect(ms).toBeLessThan(WITHIN_MS)
    }
    finally {
      await through('/api/settings/branding', { method: 'PUT', body: theme })
    }
  })

  it('a revoked session is refused by every instance within a second', async () => {
    const member = await signIn(proxy.port, HOST, 'member@aperture.test')
    for (const port of ports) expect((await hit(port, HOST, '/api/auth/session', { headers: { cookie: member } })).status).toBe(200)
    const me = (await hit(ports[0]!, HOST, '/api/auth/session', { headers: { cookie: member } })).json()
    expect((await through(`/api/members/${me.id}/revoke-sessions`, { method: 'POST' })).status).toBe(200)
    const ms = await seenEverywhere(ports, port => hit(port, HOST, '/api/auth/session', { headers: { cookie: member } }), res => res.status === 401)
    expect(ms).toBeLessThan(WITHIN_MS)
  })

  it('a feature switched off disappears on every instance within a second, and comes back', async () => {
    const tickets = (port: number) => hit(port, HOST, '/api/records/tickets?limit=1', { headers: { cookie: admin } })
    for (const port of ports) expect((await tickets(port)).status).toBe(200)
    expect((await through('/api/settings/features/tickets', { method: 'PUT', body: { enabled: false } })).status).toBe(200)
    try {
      expect(await seenEverywhere(ports, tickets, res => res.status === 404)).toBeLessThan(WITHIN_MS)
    }
    finally {
      expect((await through('/api/settings/features/tickets', { method: 'PUT', body: { enabled: true } })).status).toBe(200)
    }
    expect(await seenEverywhere(ports, tickets, res => res.status === 200)).toBeLessThan(WITHIN_MS)
  })

  it('a suspended tenant is closed on every instance within a second, and reopened', async () => {
    for (const port of ports) expect((await hit(port, HOST, '/login')).status).toBe(200)
    expect((await platformApi(proxy.port, 'PATCH', '/tenants/aperture', { status: 'suspended' })).status).toBe(200)
    try {
      expect(await seenEverywhere(ports, port => hit(port, HOST, '/login'), res => res.status === 403)).toBeLessThan(WITHIN_MS)
    }
    finally {
      expect((await platformApi(proxy.port, 'PATCH', '/tenants/aperture', { status: 'active' })).status).toBe(200)
    }
    expect(await seenEverywhere(ports, port => hit(port, HOST, '/login'), res => res.status === 200)).toBeLessThan(WITHIN_MS)
  })

  it('a job asked for through the proxy runs once, on one of the instances', async () => {
    // A data export is a pg-boss job: requested once, and every instance's worker could take it.
    const asked = await through('/api/settings/data-exports', { method: 'POST' })
    expect(asked.status, asked.body).toBe(202)
    const id = asked.json().id as string
    let status = ''
    for (let i = 0; i < 150 && status !== 'ready' && status !== 'failed'; i++) {
      await new Promise(r => setTimeout(r, 200))
      status = (await through('/api/settings/data-exports')).json().find((x: { id: string }) => x.id === id)?.status
    }
    expect(status).toBe('ready')
    // Time for a second (wrong) run to show itself, had another instance taken the job too.
    await new Promise(r => setTimeout(r, 2000))
    const jobs = await owner.sql()<{ state: string, retryCount: number }[]>`
      select state, retry_count as "retryCount" from pgboss.job where name = 'data-export' and data->>'exportId' = ${id}`
    expect(jobs).toEqual([{ state: 'completed', retryCount: 0 }])
  })
})
