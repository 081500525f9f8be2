import { randomBytes } from 'node:crypto'
import { createConnection, createServer } from 'node:net'
import type { Server, Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { freePort, startApp } from '../support/app-server'
import type { AppServer } from '../support/app-server'
import { METRICS_TOKEN, TEST_ENCRYPTION_KEYS, TEST_REDIS_URL } from '../support/env'
import { hit, signIn } from '../support/http'

// Redis goes away and comes back while an instance serves: a server of its own, on the shared
// PostgreSQL test database, reaching Redis through a TCP relay this test can cut, as a network
// partition would (Redis itself keeps its data, so entries written before the cut are still there
// afterwards). Meanwhile the instance must keep serving from the database, honour a session revoked
// and a theme changed during the outage, report the outage on /api/ready without becoming "not
// ready", and, once Redis is back, serve nothing that the outage left stale.

const HOST = 'aperture.localhost'

/** A TCP relay to Redis on a port of its own; `cut()` drops every connection and refuses new ones until `mend()`. */
async function relay(target: URL) {
  const port = await freePort()
  const sockets = new Set<Socket>()
  let server: Server | undefined
  const listen = () => new Promise<void>((resolve) => {
    server = createServer((client) => {
      const upstream = createConnection(Number(target.port || 6379), target.hostname)
      for (const s of [client, upstream]) {
        sockets.add(s)
        s.on('close', () => sockets.delete(s))
        s.on('error', () => {})
      }
      client.pipe(upstream).pipe(client)
    }).listen(port, '127.0.0.1', () => resolve())
  })
  await listen()
  return {
    url: `redis://127.0.0.1:${port}`,
    cut: () => new Promise<void>((resolve) => {
      server!.close(() => resolve())
      for (const s of sockets) s.destroy()
    }),
    mend: listen,
  }
}

describe('Redis away and back, behind one instance', { timeout: 60_000 }, () => {
  let redis: Awaited<ReturnType<typeof relay>>
  let app: AppServer
  const ready = async () => (await hit(app.port, 'localhost', '/api/ready')).json()

  beforeAll(async () => {
    redis = await relay(new URL(TEST_REDIS_URL))
    app = await startApp({
      DATABASE_URL: inject('pgAppUrl'),
      REDIS_URL: redis.url,
      NUXT_CACHE_PREFIX: `atrium-outage-${randomBytes(4).toString('hex')}`,
      NUXT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      NUXT_METRICS_TOKEN: METRICS_TOKEN,
      NUXT_JOBS_MODE: 'cron',
    })
  })
  afterAll(async () => {
    app?.child.kill('SIGKILL')
    await redis?.cut()
  })

  it('serves from the database while Redis is away, honours what changes meanwhile, and trusts nothing stale once it is back', async () => {
    expect(await ready()).toMatchObject({ ready: true, redis: { configured: true, reachable: true }, degraded: [] })
    const admin = await signIn(app.port, HOST, 'admin@aperture.test')
    const member = await signIn(app.port, HOST, 'member@aperture.test')
    const session = (cookie: string) => hit(app.port, HOST, '/api/auth/session', { headers: { cookie } })
    // Both principals and the tenant's profile are now cached in Redis.
    const me = (await session(member)).json()
    expect((await session(admin)).status).toBe(200)
    const { theme } = (await hit(app.port, HOST, '/api/settings/branding', { headers: { cookie: admin } })).json()
    expect((await hit(app.port, HOST, '/login')).body).toContain(`--color-brand-500:${theme.primary}`)

    await redis.cut()
    try {
      // Reported, and still ready: every instance can serve without Redis.
      await expect.poll(async () => (await ready()).redis.reachable, { timeout: 5000 }).toBe(false)
      const during = await ready()
      expect(during.ready).toBe(true)
      expect(during.degraded).toEqual([expect.stringMatching(/^redis: unreachable/)])
      expect((await hit(app.port, 'localhost', '/api/health')).status).toBe(200)

      // Pages, lists and sign-in work, from the database.
      expect((await hit(app.port, HOST, '/api/records/accounts?limit=5', { headers: { cookie: admin } })).status).toBe(200)
      expect((await hit(app.port, HOST, '/login')).status).toBe(200)
      const again = await signIn(app.port, HOST, 'admin@aperture.test')
      expect((await session(again)).status).toBe(200)

      // A revoked session and a new theme count at once, though Redis could not be told.
      expect((await hit(app.port, HOST, `/api/members/${me.id}/revoke-sessions`, { method: 'POST', headers: { cookie: admin } })).status).toBe(200)
      expect((await session(member)).status).toBe(401)
      expect((await hit(app.port, HOST, '/api/settings/branding', { method: 'PUT', body: { ...theme, primary: '#4d7c0f' }, headers: { cookie: admin } })).status).toBe(200)
      expect((await hit(app.port, HOST, '/login')).body).toContain('--color-brand-500:#4d7c0f')
    }
    finally {
      await redis.mend()
    }

    try {
      await expect.poll(async () => (await ready()).redis.reachable, { timeout: 10_000 }).toBe(true)
      // Redis still holds the entries from before the cut: none of them may be served now.
      await expect.poll(async () => (await ready()).degraded, { timeout: 5000 }).toEqual([])
      expect((await session(member)).status).toBe(401)
      expect((await hit(app.port, HOST, '/login')).body).toContain('--color-brand-500:#4d7c0f')
      expect((await session(admin)).status).toBe(200)
      // One line when it went, one when it came back: not a line per retry.
      const lines = app.output().split('\n').filter(l => l.includes('redis unreachable') || l.includes('redis reachable again'))
      expect(lines.map(l => JSON.parse(l).msg)).toEqual(['redis unreachable: serving from the database until it returns', 'redis reachable again'])
      expect(app.output()).not.toContain('Unhandled error event')
    }
    finally {
      await hit(app.port, HOST, '/api/settings/branding', { method: 'PUT', body: theme, headers: { cookie: admin } })
    }
  })
})
