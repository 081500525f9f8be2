import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { PgBoss } from 'pg-boss'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { JOB_SCHEMA } from '../../server/database/jobs-schema'
import { startApp } from '../support/app-server'
import type { AppServer } from '../support/app-server'
import { METRICS_TOKEN, TEST_ENCRYPTION_KEYS } from '../support/env'
import { hit, signIn } from '../support/http'
import { ownerUrl } from '../support/owner'

// Web and jobs instances (docs/jobs.md): two servers of their own on the shared PostgreSQL test
// database. The web one only enqueues (NUXT_JOBS_MODE=enqueue): it serves the app, never works a
// queue, and still wakes the webhook dispatcher when it commits events. The jobs one
// (NUXT_INSTANCE_ROLE=jobs) works the queues and answers nothing but health, readiness and metrics.

const HOST = 'weyland.localhost'

describe('web and jobs instances on PostgreSQL', () => {
  let web: AppServer
  let jobs: AppServer
  let boss: PgBoss
  let receiver: Server
  let receiverPort: number
  const received: string[] = []

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = ''
      req.on('data', (c) => {
        body += c
      })
      req.on('end', () => {
        received.push(body)
        res.writeHead(200).end()
      })
    })
    await new Promise<void>(resolve => receiver.listen(0, '127.0.0.1', () => resolve()))
    receiverPort = (receiver.address() as { port: number }).port
    const env = { DATABASE_URL: inject('pgAppUrl'), NUXT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS, NUXT_METRICS_TOKEN: METRICS_TOKEN, NUXT_OUTBOUND_ALLOW: '127.0.0.1', NUXT_CACHE_PREFIX: `atrium-roles-${randomBytes(4).toString('hex')}`, NUXT_ACCESS_LOG: 'false' }
    ;[web, jobs] = await Promise.all([
      startApp({ ...env, NUXT_JOBS_MODE: 'enqueue' }, '/api/ready'),
      startApp({ ...env, NUXT_INSTANCE_ROLE: 'jobs' }, '/api/ready'),
    ])
    boss = new PgBoss({ connectionString: ownerUrl(), schema: JOB_SCHEMA, max: 1, migrate: false, createSchema: false, supervise: false, schedule: false, registerInstance: false })
    boss.on('error', () => {})
    await boss.start()
  }, 90_000)

  afterAll(async () => {
    await boss?.stop({ graceful: false })
    web?.child.kill('SIGKILL')
    jobs?.child.kill('SIGKILL')
    receiver?.close()
  })

  it('the jobs instance answers only health, readiness and metrics', async () => {
    for (const path of ['/', '/login', '/api/site', '/api/v1/openapi.json', '/api/auth/session']) {
      const res = await hit(jobs.port, HOST, path)
      expect(res.status, path).toBe(503)
      expect(res.json().data.code).toBe('UNAVAILABLE')
    }
    expect((await hit(jobs.port, HOST, '/api/health')).status).toBe(200)
    expect((await hit(jobs.port, 'localhost', '/api/ready')).status).toBe(200)
    expect((await hit(jobs.port, 'localhost', '/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(200)
    // The web instance serves the app as usual.
    expect((await hit(web.port, HOST, '/api/site')).status).toBe(200)
  })

  it('only the jobs instance works the queues', async () => {
    // Each worker registers itself in pg-boss's instance registry when its runner starts.
    let names: string[] = []
    for (let i = 0; i < 100 && !names.some(n => n.endsWith(`:${jobs.child.pid}`)); i++) {
      names = (await boss.getInstances()).filter(x => x.live && !x.stoppedOn).map(x => x.name ?? x.id)
      await new Promise(r => setTimeout(r, 200))
    }
    expect(names.some(n => n.endsWith(`:${jobs.child.pid}`))).toBe(true)
    expect(names.some(n => n.endsWith(`:${web.child.pid}`))).toBe(false)
  })

  it('a change on the web instance is delivered to a webhook endpoint without it running a job', async () => {
    const cookie = await signIn(web.port, HOST, 'admin@weyland.test')
    const endpoint = await hit(web.port, HOST, '/api/webhooks', { method: 'POST', body: { url: `http://127.0.0.1:${receiverPort}/roles`, eventTypes: ['account.created'] }, headers: { cookie } })
    expect(endpoint.status, endpoint.body).toBe(201)
    try {
      const name = `Roles ${randomBytes(3).toString('hex')}`
      const created = await hit(web.port, HOST, '/api/records/accounts', { method: 'POST', body: { name }, headers: { cookie } })
      expect(created.status).toBe(201)
      // Woken by the commit (not by the minute's sweep): well within its 10 s grace.
      for (let i = 0; i < 75 && !received.some(b => b.includes(name)); i++) await new Promise(r => setTimeout(r, 200))
      expect(received.filter(b => b.includes(name))).toHaveLength(1)
    }
    finally {
      await hit(web.port, HOST, `/api/webhooks/${endpoint.json().id}`, { method: 'DELETE', headers: { cookie } })
    }
  })
})
