import { randomUUID } from 'node:crypto'
import { PgBoss } from 'pg-boss'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { JOB_SCHEMA } from '../../server/database/jobs-schema'
import { waitForMail } from '../support/mail'
import { hit, servers, serversPerDriver, signIn } from '../support/http'
import { receiver, until } from '../support/peers'
import type { Received } from '../support/peers'
import { ownerAccess, ownerUrl } from '../support/owner'

// Settings → Webhooks as an integrator meets it: a real HTTP receiver on 127.0.0.1 (the servers
// allow that address by configuration, NUXT_OUTBOUND_ALLOW) gets signed deliveries of the
// workspace's domain events and verifies them with the `standardwebhooks` library.

describe.each(serversPerDriver())('webhooks on $name', (server) => {
  const ACME = 'acme.localhost'
  const INITECH = 'initech.localhost'
  const api = (host: string, cookie: string, path: string, method = 'GET', body?: unknown) =>
    hit(server.port, host, path, { method, body, headers: { cookie } })
  let acme: string
  let initech: string
  let rx: Awaited<ReturnType<typeof receiver>>
  let other: Awaited<ReturnType<typeof receiver>>
  let endpoint: { id: string, secret: string }

  beforeAll(async () => {
    acme = await signIn(server.port, ACME, 'admin@acme.test')
    initech = await signIn(server.port, INITECH, 'admin@initech.test')
    rx = await receiver()
    other = await receiver()
    const res = await api(ACME, acme, '/api/webhooks', 'POST', { url: rx.url, eventTypes: ['*'], description: 'CRM sync' })
    expect(res.status).toBe(201)
    endpoint = res.json()
    expect(endpoint.secret).toMatch(/^whsec_/)
    expect((await api(INITECH, initech, '/api/webhooks', 'POST', { url: other.url, eventTypes: ['*'] })).status).toBe(201)
  })
  afterAll(async () => {
    // Other files write in these workspaces too: leave no endpoint behind to keep failing.
    for (const [host, cookie] of [[ACME, acme], [INITECH, initech]] as const) {
      for (const e of (await api(host, cookie, '/api/webhooks')).json() as { id: string }[]) await api(host, cookie, `/api/webhooks/${e.id}`, 'DELETE')
    }
    await rx?.close()
    await other?.close()
  })

  it('delivers a record\'s creation, signed so that the standardwebhooks library verifies it, once, and to its own workspace only', async () => {
    const name = `Hooked ${randomUUID().slice(0, 8)}`
    const created = await api(ACME, acme, '/api/records/accounts', 'POST', { name })
    expect(created.status).toBe(201)
    const [delivery] = await until(() => rx.of('account.created', name), d => d.length > 0)
    expect(delivery, 'the receiver got account.created').toBeDefined()
    const verified = new Webhook(endpoint.secret).verify(delivery!.body, delivery!.headers as Record<string, string>) as Received['json']
    expect(verified).toMatchObject({ type: 'account.created', version: 1, data: { recordType: 'accounts', record: { id: created.json().id, name } } })
    expect(delivery!.headers['webhook-id']).toBe(verified.id)
    // Signed with another secret, the same body does not verify.
    expect(() => new Webhook(`whsec_${Buffer.from(randomUUID()).toString('base64')}`).verify(delivery!.body, delivery!.headers as Record<string, string>)).toThrow()

    const updated = await api(ACME, acme, `/api/records/accounts/${created.json().id}`, 'PATCH', { employees: 42, version: created.json().version })
    expect(updated.status).toBe(200)
    const [change] = await until(() => rx.of('account.updated', name), d => d.length > 0)
    expect(change!.json.data.changed).toEqual(['employees'])

    // Time for a second (wrong) delivery to arrive, had one been made; and nothing crossed to Initech.
    await new Promise(r => setTimeout(r, 1500))
    expect(rx.of('account.created', name)).toHaveLength(1)
    expect(other.got.filter(r => r.body.includes(name))).toEqual([])
  })

  it('emits nothing for a write that rolls back', async () => {
    const last = `Rollback ${randomUUID().slice(0, 8)}`
    const lead = await api(ACME, acme, '/api/records/leads', 'POST', { firstName: 'Rolf', lastName: last })
    expect(lead.status).toBe(201)
    // The account and contact are made, then the deal's stage is refused: all of it rolls back.
    const convert = await api(ACME, acme, `/api/leads/${lead.json().id}/convert`, 'POST', { createDeal: true, stageId: randomUUID() })
    expect(convert.status).toBe(400)
    expect(await until(() => rx.of('lead.created', last), d => d.length > 0, 30_000), 'lead.created arrives').toHaveLength(1)
    await new Promise(r => setTimeout(r, 1500))
    expect(rx.got.filter(r => r.body.includes(last)).map(r => r.json.type)).toEqual(['lead.created'])

    // Converted for real, it says so: the account, the contact and the conversion.
    expect((await api(ACME, acme, `/api/leads/${lead.json().id}/convert`, 'POST', { createDeal: false })).status).toBe(201)
    const types = await until(() => rx.got.filter(r => r.body.includes(last) || r.body.includes(lead.json().id)).map(r => r.json.type), t => t.includes('lead.converted'))
    expect(types).toEqual(expect.arrayContaining(['account.created', 'contact.created', 'lead.converted']))
  })

  it('sends a test event on request, and lists each delivery with its attempts', async () => {
    const before = rx.got.length
    const sent = await api(ACME, acme, `/api/webhooks/${endpoint.id}/test`, 'POST')
    expect(sent.status).toBe(202)
    const got = await until(() => rx.got.slice(before).filter(r => r.json.type === 'webhook.test'), d => d.length > 0)
    expect(got[0]!.json.data.endpointId).toBe(endpoint.id)
    const log = await until(async () => (await api(ACME, acme, `/api/webhooks/${endpoint.id}/deliveries?pageSize=100`, 'GET')).json(), l => l.items.some((d: any) => d.id === sent.json().deliveryId && d.status === 'delivered'))
    expect(log.total).toBeGreaterThan(0)
    const one = (await api(ACME, acme, `/api/webhooks/${endpoint.id}/deliveries/${sent.json().deliveryId}`)).json()
    expect(one).toMatchObject({ status: 'delivered', attempts: 1, eventType: 'webhook.test', attemptsLog: [{ attempt: 1, responseStatus: 200, responseBody: 'ok', error: null }] })
    expect(one.attemptsLog[0].requestHeaders['webhook-signature']).toMatch(/^v1,/)

    // Replayed: the same event id again.
    expect((await api(ACME, acme, `/api/webhooks/${endpoint.id}/deliveries/${sent.json().deliveryId}/replay`, 'POST')).status).toBe(202)
    const again = await until(() => rx.got.filter(r => r.json.id === got[0]!.json.id), d => d.length > 1)
    expect(again).toHaveLength(2)
  })

  it('signs with both secrets for a day after a rotation', async () => {
    const rotated = await api(ACME, acme, `/api/webhooks/${endpoint.id}/rotate-secret`, 'POST')
    expect(rotated.status).toBe(200)
    expect(rotated.json().previousSecretExpiresAt).toBeTruthy()
    const name = `Rotated ${randomUUID().slice(0, 8)}`
    expect((await api(ACME, acme, '/api/records/accounts', 'POST', { name })).status).toBe(201)
    const [d] = await until(() => rx.of('account.created', name), x => x.length > 0)
    expect(String(d!.headers['webhook-signature']).split(' ')).toHaveLength(2)
    for (const secret of [endpoint.secret, rotated.json().secret]) {
      expect(new Webhook(secret).verify(d!.body, d!.headers as Record<string, string>)).toMatchObject({ type: 'account.created' })
    }
    expect((await api(ACME, acme, `/api/webhooks/${endpoint.id}/secret`, 'POST')).json().secret).toBe(rotated.json().secret)
    endpoint = { ...endpoint, secret: rotated.json().secret }
  })

  it('refuses private, loopback, link-local and metadata addresses, plain http to the public, and unknown events, saving nothing', async () => {
    const before = (await api(ACME, acme, '/api/webhooks')).json().length
    for (const url of ['http://10.0.0.7/hook', 'https://192.168.1.1/hook', 'http://169.254.169.254/latest/meta-data', 'https://[::1]/hook', 'https://[fd00:ec2::254]/', 'http://[::ffff:10.0.0.1]/', 'https://0.0.0.0/', 'http://93.184.215.14/hook', 'ftp://127.0.0.1/x']) {
      const res = await api(ACME, acme, '/api/webhooks', 'POST', { url, eventTypes: ['*'] })
      expect(res.status, url).toBeGreaterThanOrEqual(400)
      expect(res.status, url).toBeLessThan(500)
      expect(res.json().data?.issues?.[0]?.path ?? res.json().data?.code, url).toBeDefined()
    }
    expect((await api(ACME, acme, '/api/webhooks', 'POST', { url: rx.url, eventTypes: ['account.exploded'] })).status).toBe(400)
    expect((await api(ACME, acme, '/api/webhooks', 'POST', { url: rx.url, eventTypes: [] })).status).toBe(400)
    expect((await api(ACME, acme, `/api/webhooks/${endpoint.id}/replay`, 'POST', { since: '2999-01-01T00:00:00Z' })).status).toBe(400)
    expect((await api(ACME, acme, '/api/webhooks')).json()).toHaveLength(before)
  })

  it('does not follow a redirect: the attempt fails and says why', async () => {
    const bounce = await receiver()
    bounce.answer(() => ({ status: 302, headers: { location: 'http://169.254.169.254/' } }))
    try {
      const created = (await api(ACME, acme, '/api/webhooks', 'POST', { url: bounce.url, eventTypes: ['task.created'] })).json()
      const sent = (await api(ACME, acme, `/api/webhooks/${created.id}/test`, 'POST')).json()
      const one = await until(async () => (await api(ACME, acme, `/api/webhooks/${created.id}/deliveries/${sent.deliveryId}`)).json(), d => d.attempts > 0)
      expect(one.attemptsLog[0]).toMatchObject({ responseStatus: 302, error: expect.stringContaining('Redirects are not followed') })
      expect(one.status).toBe('pending')
      expect(bounce.got).toHaveLength(1)
      expect((await api(ACME, acme, `/api/webhooks/${created.id}`, 'DELETE')).status).toBe(204)
    }
    finally {
      await bounce.close()
    }
  })

  it('is a module: a workspace whose plan lacks it gets 404, and members without the permission 403', async () => {
    const globex = await signIn(server.port, 'globex.localhost', 'admin@globex.test')
    const off = await api('globex.localhost', globex, '/api/webhooks')
    expect(off.status).toBe(404)
    expect(off.json().data.code).toBe('FEATURE_DISABLED')
    const manager = await signIn(server.port, ACME, 'manager@acme.test')
    expect((await api(ACME, manager, '/api/webhooks')).status).toBe(403)
    // And another workspace's endpoint is not there at all.
    expect((await api(INITECH, initech, `/api/webhooks/${endpoint.id}`)).status).toBe(404)
  })
})

describe('webhook retries, replay and switch-off on PostgreSQL (time moved, not waited for)', () => {
  const owner = ownerAccess()
  const pg = () => servers().find(s => s.name === 'postgres')!
  const HOST = 'initech.localhost'
  let boss: PgBoss
  let admin: string
  let rx: Awaited<ReturnType<typeof receiver>>
  let tenantId: string

  beforeAll(async () => {
    boss = new PgBoss({ connectionString: ownerUrl(), schema: JOB_SCHEMA, max: 2, migrate: false, createSchema: false, supervise: false, schedule: false, registerInstance: false })
    boss.on('error', () => {})
    await boss.start()
    admin = await signIn(pg().port, HOST, 'admin@initech.test')
    rx = await receiver()
    ;[{ id: tenantId }] = await owner.sql()<{ id: string }[]>`select id from tenants where slug = 'initech'`
  })
  afterAll(async () => {
    await boss?.stop({ graceful: false })
    await rx?.close()
  })

  const api = (path: string, method = 'GET', body?: unknown) => hit(pg().port, HOST, path, { method, body, headers: { cookie: admin } })
  const delivery = async (id: string) => (await owner.sql()<{ status: string, attempts: number, due_in: number }[]>`
    select status, attempts, extract(epoch from next_attempt_at - now())::float as due_in from webhook_deliveries where id = ${id}`)[0]!
  /** Moves the delivery's next try to now and runs the tenant's webhooks job, as the clock would. */
  const timePasses = async (id: string) => {
    await owner.sql()`update webhook_deliveries set next_attempt_at = now() where id = ${id}`
    await boss.send('webhooks-run', { tenantId }, { singletonKey: randomUUID() })
  }

  it('retries a failing receiver on the schedule (5 s, 5 min, 30 min …) and delivers once it recovers, under one event id', async () => {
    rx.answer(() => ({ status: 503 }))
    const endpoint = (await api('/api/webhooks', 'POST', { url: rx.url, eventTypes: ['task.created'] })).json()
    const sent = (await api(`/api/webhooks/${endpoint.id}/test`, 'POST')).json()
    let d = await until(() => delivery(sent.deliveryId), x => x.attempts === 1)
    expect(d).toMatchObject({ status: 'pending', attempts: 1 })
    expect(d.due_in).toBeGreaterThan(2)
    expect(d.due_in).toBeLessThanOrEqual(5)

    await timePasses(sent.deliveryId)
    d = await until(() => delivery(sent.deliveryId), x => x.attempts === 2)
    expect(d.due_in).toBeGreaterThan(280)
    expect(d.due_in).toBeLessThanOrEqual(300)

    await timePasses(sent.deliveryId)
    d = await until(() => delivery(sent.deliveryId), x => x.attempts === 3)
    expect(d.due_in).toBeGreaterThan(1780)
    expect(d.due_in).toBeLessThanOrEqual(1800)
    const row = (await api(`/api/webhooks/${endpoint.id}`)).json()
    expect(row.failingSince).toBeTruthy()

    rx.answer(() => ({ status: 204 }))
    await timePasses(sent.deliveryId)
    d = await until(() => delivery(sent.deliveryId), x => x.status === 'delivered')
    expect(d).toMatchObject({ status: 'delivered', attempts: 4 })
    expect(new Set(rx.got.map(r => r.headers['webhook-id'])).size).toBe(1)
    expect(rx.got).toHaveLength(4)
    expect((await api(`/api/webhooks/${endpoint.id}`)).json().failingSince).toBeNull()
    // A replayed job changes nothing: the delivery is not sent again.
    await boss.send('webhooks-run', { tenantId }, { singletonKey: randomUUID() })
    await new Promise(r => setTimeout(r, 2500))
    expect(rx.got).toHaveLength(4)
    await api(`/api/webhooks/${endpoint.id}`, 'DELETE')
  })

  it('a run that stopped between sending and recording leaves its events leased: none is sent while the lease holds, each once more after it, and each pair gets one row', async () => {
    rx.got.length = 0
    rx.answer(() => ({ status: 200 }))
    const endpoint = (await api('/api/webhooks', 'POST', { url: rx.url, eventTypes: ['task.created'] })).json()
    const task = (await api('/api/records/tasks', 'POST', { title: `Lease ${randomUUID().slice(0, 6)}` })).json()
    const ofTask = () => rx.got.filter(r => r.json.type === 'task.created' && r.json.data.record.id === task.id)
    const [first] = await until(async () => ofTask(), got => got.length === 1)
    const [event] = await owner.sql()<{ id: string }[]>`select id from domain_events where type = 'task.created' and data->'record'->>'id' = ${task.id}`
    // As a run that sent it and stopped would leave it: undispatched, leased, no delivery row.
    await owner.sql()`delete from webhook_deliveries where event_id = ${event!.id}`
    await owner.sql()`update domain_events set dispatched_at = null, dispatch_lease_until = now() + interval '1 minute' where id = ${event!.id}`
    await boss.send('webhooks-run', { tenantId }, { singletonKey: randomUUID() })
    await new Promise(r => setTimeout(r, 2500))
    expect(ofTask()).toHaveLength(1)

    // The lease runs out: the next run sends it again under the same message id, and records it once.
    await owner.sql()`update domain_events set dispatch_lease_until = now() - interval '1 second' where id = ${event!.id}`
    await boss.send('webhooks-run', { tenantId }, { singletonKey: randomUUID() })
    const again = await until(async () => ofTask(), got => got.length === 2)
    expect(again[1]!.headers['webhook-id']).toBe(first!.headers['webhook-id'])
    const rows = await until(() => owner.sql()<{ status: string, attempts: number, log: number }[]>`
      select status, attempts, jsonb_array_length(attempt_log) as log from webhook_deliveries where event_id = ${event!.id}`, r => r.length > 0)
    expect(rows).toEqual([{ status: 'delivered', attempts: 1, log: 1 }])
    const [after] = await owner.sql()<{ dispatched: boolean, leased: boolean }[]>`
      select dispatched_at is not null as dispatched, dispatch_lease_until is not null as leased from domain_events where id = ${event!.id}`
    expect(after).toEqual({ dispatched: true, leased: false })
    // And a further run sends nothing.
    await boss.send('webhooks-run', { tenantId }, { singletonKey: randomUUID() })
    await new Promise(r => setTimeout(r, 2000))
    expect(ofTask()).toHaveLength(2)
    await api(`/api/webhooks/${endpoint.id}`, 'DELETE')
  })

  it('switches off an endpoint failing for five days, tells the admins, stops sending, and replays the failed ones once it is back', async () => {
    rx.got.length = 0
    rx.answer(() => ({ status: 500 }))
    const endpoint = (await api('/api/webhooks', 'POST', { url: rx.url, eventTypes: ['task.created'] })).json()
    // It has been failing for six days.
    await owner.sql()`update webhook_endpoints set failing_since = now() - interval '6 days' where id = ${endpoint.id}`
    const since = Date.now()
    const first = (await api('/api/records/tasks', 'POST', { title: `Switch-off ${randomUUID().slice(0, 6)}` })).json()
    const row = await until(async () => (await api(`/api/webhooks/${endpoint.id}`)).json(), r => r.enabled === false)
    expect(row).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('5 days') })
    const mail = await waitForMail('admin@initech.test', since)
    expect(mail.subject).toContain(rx.url)
    const audit = (await api(`/api/audit?action=webhook.disabled&entityId=${endpoint.id}`)).json()
    expect(audit.items).toHaveLength(1)

    // Switched off: a new task is not sent, and replay is refused until it is back on.
    const seen = rx.got.length
    expect((await api('/api/records/tasks', 'POST', { title: 'Not sent' })).status).toBe(201)
    await new Promise(r => setTimeout(r, 2000))
    expect(rx.got).toHaveLength(seen)
    expect((await api(`/api/webhooks/${endpoint.id}/replay`, 'POST', { since: new Date(since - 60_000).toISOString() })).status).toBe(409)

    // Mended and on again: the failed delivery of the first task is replayed, with its own id.
    rx.answer(() => ({ status: 200 }))
    await owner.sql()`update webhook_deliveries set status = 'failed' where endpoint_id = ${endpoint.id} and status = 'pending'`
    expect((await api(`/api/webhooks/${endpoint.id}`, 'PATCH', { enabled: true })).json()).toMatchObject({ enabled: true, disabledReason: null, failingSince: null })
    const replay = await api(`/api/webhooks/${endpoint.id}/replay`, 'POST', { since: new Date(since - 60_000).toISOString() })
    expect(replay.status).toBe(202)
    expect(replay.json().replayed).toBeGreaterThanOrEqual(1)
    // Its first try (refused with a 500) and the replay, under one event id.
    const tries = await until(() => rx.got.filter(r => r.json.type === 'task.created' && r.json.data.record.id === first.id), d => d.length >= 2)
    expect(tries).toHaveLength(2)
    expect(tries[0]!.headers['webhook-id']).toBe(tries[1]!.headers['webhook-id'])
    const [state] = await until(() => owner.sql()<{ status: string }[]>`select d.status from webhook_deliveries d join domain_events e on e.id = d.event_id where d.endpoint_id = ${endpoint.id} and e.data->'record'->>'id' = ${first.id}`, r => r[0]?.status === 'delivered')
    expect(state!.status).toBe('delivered')
    await api(`/api/webhooks/${endpoint.id}`, 'DELETE')
  })
})
