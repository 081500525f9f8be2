import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { hit, serversPerDriver, signIn } from '../support/http'

// A client that retries a POST after a lost answer sends the same Idempotency-Key: it gets the
// first answer again, and the change is made once — also when both copies arrive at once.
describe.each(serversPerDriver())('Idempotency-Key on $name', (server) => {
  const HOST = 'acme.localhost'
  let admin: string
  const create = (body: unknown, key?: string, host = HOST, cookie = admin) =>
    hit(server.port, host, '/api/records/accounts', { method: 'POST', body, headers: { cookie, ...(key !== undefined ? { 'idempotency-key': key } : {}) } })
  const named = async (name: string) => (await hit(server.port, HOST, `/api/records/accounts?q=${encodeURIComponent(name)}&limit=50`, { headers: { cookie: admin } })).json().items.filter((a: { name: string }) => a.name === name)

  beforeAll(async () => {
    admin = await signIn(server.port, HOST, 'admin@acme.test')
  })

  it('replays the first answer to a retry and writes once', async () => {
    const key = randomUUID()
    const name = `Idempotent ${key.slice(0, 8)}`
    const first = await create({ name }, key)
    expect(first.status).toBe(201)
    expect(first.headers['idempotent-replayed']).toBeUndefined()
    const retry = await create({ name }, key)
    expect(retry.status).toBe(201)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.json()).toEqual(first.json())
    expect(await named(name)).toHaveLength(1)
  })

  it('writes once when two copies arrive together', async () => {
    const key = randomUUID()
    const name = `Idempotent race ${key.slice(0, 8)}`
    const [a, b] = await Promise.all([create({ name }, key), create({ name }, key)])
    expect([a.status, b.status]).toEqual([201, 201])
    expect(a.json().id).toBe(b.json().id)
    expect(await named(name)).toHaveLength(1)
  })

  it('refuses the same key for another body (422, nothing written), and a malformed key (400)', async () => {
    const key = randomUUID()
    const name = `Idempotent first ${key.slice(0, 8)}`
    expect((await create({ name }, key)).status).toBe(201)
    const other = await create({ name: `${name} changed` }, key)
    expect(other.status).toBe(422)
    expect(other.json().data.code).toBe('IDEMPOTENCY_KEY_REUSED')
    expect(await named(`${name} changed`)).toHaveLength(0)
    for (const bad of ['', 'x'.repeat(256), 'with space']) {
      const res = await create({ name: 'Never' }, bad)
      expect(res.status, JSON.stringify(bad)).toBe(400)
    }
  })

  it('keeps a refusal of the input, and scopes keys to the workspace', async () => {
    const key = randomUUID()
    const refused = await create({ name: '' }, key)
    expect(refused.status).toBe(400)
    const again = await create({ name: '' }, key)
    expect(again.status).toBe(400)
    expect(again.headers['idempotent-replayed']).toBe('true')
    // The same key in another workspace is another request.
    const initech = await signIn(server.port, 'initech.localhost', 'admin@initech.test')
    const shared = randomUUID()
    const mine = await create({ name: `Key scope ${shared.slice(0, 6)}` }, shared)
    const theirs = await create({ name: `Key scope ${shared.slice(0, 6)}` }, shared, 'initech.localhost', initech)
    expect([mine.status, theirs.status]).toEqual([201, 201])
    expect(theirs.headers['idempotent-replayed']).toBeUndefined()
    expect(theirs.json().id).not.toBe(mine.json().id)
  })
})
