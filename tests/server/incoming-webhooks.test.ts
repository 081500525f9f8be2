import { randomUUID } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hit, servers, serversPerDriver, signIn } from '../support/http'
import { ownerAccess } from '../support/owner'

// Incoming webhooks as another system meets them: it posts to the workspace's receiver address,
// signed per Standard Webhooks with the receiver's secret. Verified against the raw body; a bad or
// old signature is refused (401) and logged, and only an accepted message goes on, once.
describe.each(serversPerDriver())('incoming webhooks on $name', (server) => {
  const HOST = 'acme.localhost'
  let admin: string
  let receiver: { id: string, path: string, secret: string }
  const api = (method: string, path: string, body?: unknown, host = HOST) => hit(server.port, host, path, { method, body, headers: { cookie: admin } })
  /** Posts `body` to the receiver as a sender would: signed with `secret` at `at`, under `id`. */
  const post = (body: string, o: { secret?: string, at?: Date, id?: string, host?: string, headers?: Record<string, string> } = {}) => {
    const id = o.id ?? `msg_${randomUUID()}`
    const at = o.at ?? new Date()
    const signed = { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(o.secret ?? receiver.secret).sign(id, at, body) }
    return hit(server.port, o.host ?? HOST, receiver.path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...(o.headers ?? signed) } })
  }
  const log = async () => (await api('GET', `/api/webhooks/receivers/${receiver.id}/log?pageSize=100`)).json()

  beforeAll(async () => {
    admin = await signIn(server.port, HOST, 'admin@acme.test')
    const res = await api('POST', '/api/webhooks/receivers', { name: 'Billing system' })
    expect(res.status).toBe(201)
    receiver = res.json()
    expect(receiver.secret).toMatch(/^whsec_/)
    expect(receiver.path).toBe(`/api/hooks/${receiver.id}`)
  })
  afterAll(async () => {
    await api('DELETE', `/api/webhooks/receivers/${receiver.id}`)
  })

  it('accepts a signed message once, logs it, and answers a retry of it without storing it again', async () => {
    const body = JSON.stringify({ type: 'invoice.paid', data: { invoice: `inv_${randomUUID().slice(0, 6)}`, amount: 4200 } })
    const id = `msg_${randomUUID()}`
    const first = await post(body, { id })
    expect(first.status, first.body).toBe(202)
    expect(first.json()).toEqual({ received: true, duplicate: false })
    const again = await post(body, { id })
    expect(again.status).toBe(200)
    expect(again.json()).toEqual({ received: true, duplicate: true })
    const entries = (await log()).items.filter((e: any) => e.messageId === id)
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ status: 'accepted', reason: null, body })
    expect((await api('GET', `/api/webhooks/receivers/${receiver.id}`)).json().lastReceivedAt).toBeTruthy()
  })

  it('refuses a wrong signature, an old timestamp and missing headers with 401, logs why, and lets nothing through', async () => {
    const body = JSON.stringify({ type: 'invoice.paid', data: { forged: true } })
    const cases = [
      { res: await post(body, { secret: `whsec_${Buffer.from(randomUUID()).toString('base64')}` }), reason: 'signature does not match' },
      { res: await post(body, { at: new Date(Date.now() - 10 * 60_000) }), reason: 'more than 5 minutes' },
      { res: await post(body, { headers: {} }), reason: 'Missing webhook-id' },
      // The body changed after signing: the signature covers the raw body.
      { res: await hit(server.port, HOST, receiver.path, { method: 'POST', body: body.replace('true', 'false'), headers: (() => {
        const id = `msg_${randomUUID()}`
        const at = new Date()
        return { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(receiver.secret).sign(id, at, body) }
      })() }), reason: 'signature does not match' },
    ]
    for (const { res, reason } of cases) {
      expect(res.status, reason).toBe(401)
      expect(res.json().data.code).toBe('UNAUTHENTICATED')
      expect(res.json().message).toContain(reason)
    }
    const refused = (await log()).items.filter((e: any) => e.status === 'rejected')
    for (const { reason } of cases) expect(refused.some((e: any) => e.reason.includes(reason)), reason).toBe(true)
    expect((await log()).items.filter((e: any) => e.status === 'accepted' && e.body.includes('forged'))).toEqual([])
  })

  it('refuses a body over 256 KB, and answers 404 when switched off, on another workspace\'s host, or where the module is off', async () => {
    const big = JSON.stringify({ blob: 'x'.repeat(300 * 1024) })
    expect((await post(big)).status).toBe(413)
    const body = JSON.stringify({ ok: true })
    expect((await post(body, { host: 'initech.localhost' })).status).toBe(404)
    expect((await post(body, { host: 'globex.localhost' })).status).toBe(404)
    expect((await api('PATCH', `/api/webhooks/receivers/${receiver.id}`, { enabled: false })).status).toBe(200)
    expect((await post(body)).status).toBe(404)
    expect((await api('PATCH', `/api/webhooks/receivers/${receiver.id}`, { enabled: true })).status).toBe(200)
    expect((await post(body)).status).toBe(202)
  })

  it('stops verifying the old secret the moment it is rotated', async () => {
    const old = receiver.secret
    const rotated = (await api('POST', `/api/webhooks/receivers/${receiver.id}/rotate-secret`)).json()
    expect(rotated.secret).not.toBe(old)
    const body = JSON.stringify({ after: 'rotation' })
    expect((await post(body, { secret: old })).status).toBe(401)
    expect((await post(body, { secret: rotated.secret })).status).toBe(202)
    receiver = { ...receiver, secret: rotated.secret }
  })
})

describe('an accepted incoming webhook is a domain event (PostgreSQL)', () => {
  const owner = ownerAccess()
  it('writes webhook.received with the payload, and nothing for a refused one', async () => {
    const port = servers().find(s => s.name === 'postgres')!.port
    const admin = await signIn(port, 'initech.localhost', 'admin@initech.test')
    const created = (await hit(port, 'initech.localhost', '/api/webhooks/receivers', { method: 'POST', body: { name: 'Events check' }, headers: { cookie: admin } })).json()
    try {
      const send = (secret: string, marker: string) => {
        const id = `msg_${randomUUID()}`
        const at = new Date()
        const body = JSON.stringify({ marker })
        return hit(port, 'initech.localhost', created.path, { method: 'POST', body, headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign(id, at, body) } })
      }
      const good = randomUUID()
      const bad = randomUUID()
      expect((await send(created.secret, good)).status).toBe(202)
      expect((await send(`whsec_${Buffer.from(randomUUID()).toString('base64')}`, bad)).status).toBe(401)
      const events = await owner.sql()<{ data: any }[]>`select data from domain_events where type = 'webhook.received' and data->>'receiverId' = ${created.id}`
      expect(events).toHaveLength(1)
      expect(events[0]!.data).toMatchObject({ receiverName: 'Events check', payload: { marker: good } })
    }
    finally {
      await hit(port, 'initech.localhost', `/api/webhooks/receivers/${created.id}`, { method: 'DELETE', headers: { cookie: admin } })
    }
  })
})
