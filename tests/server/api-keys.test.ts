import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { hit, servers, serversPerDriver, signIn } from '../support/http'
import { linkToken, waitForMail } from '../support/mail'
import { ownerAccess } from '../support/owner'

const bearer = (key: string) => ({ authorization: `Bearer ${key}` })

describe.each(serversPerDriver())('API keys on $name', ({ port }) => {
  const host = 'acme.localhost'
  let admin: string
  const api = (method: string, path: string, body?: unknown, headers: Record<string, string> = { cookie: admin }) => hit(port, host, path, { method, body, headers })
  const create = (body: unknown) => api('POST', '/api/api-keys', body)
  const audit = async (action: string, entityId: string) =>
    (await api('GET', `/api/audit?action=${action}&entityId=${entityId}`)).json().items as { actorType: string, after: unknown }[]

  beforeAll(async () => {
    admin = await signIn(port, host, 'admin@acme.test')
  })

  it('an admin creates a key; its secret is shown once, and the list shows only its prefix', async () => {
    const res = await create({ name: `Reporting ${port}`, scopes: ['members:read'], expiresInDays: 30 })
    expect(res.status).toBe(201)
    const created = res.json()
    expect(created.key).toMatch(/^atr_[\w-]{8}_[\w-]{43}$/)
    expect(created.key.startsWith(created.prefix)).toBe(true)
    expect(created).toMatchObject({ name: `Reporting ${port}`, scopes: ['members:read'], status: 'active', createdBy: { name: 'Ada Admin' } })
    const list = await api('GET', '/api/api-keys')
    expect(list.body).not.toContain(created.key)
    expect(list.json().find((k: { id: string }) => k.id === created.id)).toMatchObject({ prefix: created.prefix, lastUsedAt: null })
    expect((await audit('api_key.created', created.id))).toHaveLength(1)
  })

  it('works on its own tenant within its scopes, 403 outside them, 401 on any other host', async () => {
    const { key, id } = (await create({ name: `Scoped ${port}`, scopes: ['members:read'] })).json()
    const members = await hit(port, host, '/api/members', { headers: bearer(key) })
    expect(members.status).toBe(200)
    expect(members.json().items.length).toBeGreaterThan(0)
    expect(members.headers['ratelimit-limit']).toBe('600') // acme's plan (Pro)

    const outside = await hit(port, host, '/api/audit', { headers: bearer(key) })
    expect(outside.status).toBe(403)
    expect(outside.json().message).toBe('This API key lacks the scope audit:read')
    await expect.poll(async () => (await audit('api_key.scope_denied', id)).length).toBe(1)

    const elsewhere = await hit(port, 'globex.localhost', '/api/members', { headers: bearer(key) })
    expect(elsewhere.status).toBe(401)
    expect(elsewhere.json().data.code).toBe('API_KEY_INVALID')
    expect((await hit(port, 'localhost', '/api/platform/tenants', { headers: bearer(key) })).status).toBe(401)
    // Routes about one's own account are for people, not keys.
    expect((await hit(port, host, '/api/auth/logout-all', { method: 'POST', headers: bearer(key) })).status).toBe(401)

    const firstUse = await audit('api_key.first_used', id)
    expect(firstUse).toHaveLength(1)
    expect(firstUse[0]!.actorType).toBe('api_key')
  })

  it('a write made with a key is audited with the key as actor', async () => {
    const { key, id } = (await create({ name: `Inviter ${port}`, scopes: ['members:write'] })).json()
    const res = await hit(port, host, '/api/members/invitations', { method: 'POST', body: { email: `by-key-${port}@acme.test`, role: 'viewer' }, headers: bearer(key) })
    expect(res.status).toBe(201)
    // This request was the key's first use, which is recorded beside the write itself.
    const entries = (await api('GET', `/api/audit?requestId=${res.headers['x-request-id']}`)).json().items as { action: string }[]
    expect(entries.sort((x, y) => x.action.localeCompare(y.action))).toMatchObject([
      { action: 'api_key.first_used', actorType: 'api_key', actorId: id },
      { action: 'member.invited', actorType: 'api_key', actorId: id },
    ])
  })

  it('stops working the moment it is revoked; the refusal is audited', async () => {
    const { key, id } = (await create({ name: `Short-lived ${port}`, scopes: ['members:read'] })).json()
    expect((await hit(port, host, '/api/members', { headers: bearer(key) })).status).toBe(200)
    expect((await api('DELETE', `/api/api-keys/${id}`)).status).toBe(204)
    const after = await hit(port, host, '/api/members', { headers: bearer(key) })
    expect(after.status).toBe(401)
    expect(after.json().message).toBe('This API key has been revoked')
    expect(await audit('api_key.rejected', id)).toHaveLength(1)
    expect(await audit('api_key.revoked', id)).toHaveLength(1)
    expect((await api('GET', '/api/api-keys')).json().find((k: { id: string }) => k.id === id).status).toBe('revoked')
  })

  it('refuses bad input with a 400 naming the field, and unknown keys with a 401', async () => {
    for (const [body, path] of [
      [{ name: 'x', scopes: [] }, 'scopes'],
      [{ name: 'x', scopes: ['members:fly'] }, 'scopes.0'],
      [{ scopes: ['members:read'] }, 'name'],
      [{ name: 'x', scopes: ['members:read'], expiresInDays: 0 }, 'expiresInDays'],
      [{ name: 'x', scopes: ['members:read'], tenantId: 'someone-else' }, '(root)'],
    ] as const) {
      const res = await create(body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.json().data.issues.map((i: { path: string }) => i.path)).toContain(path)
    }
    for (const key of ['atr_nothing', `atr_${'x'.repeat(200)}`]) {
      const res = await hit(port, host, '/api/members', { headers: bearer(key) })
      expect(res.status).toBe(401)
      expect(res.json().data.code).toBe('API_KEY_INVALID')
    }
    expect((await api('DELETE', '/api/api-keys/not-an-id')).status).toBe(400)
    expect((await api('DELETE', '/api/api-keys/0190a5c2-7b1e-7000-8000-000000000000')).status).toBe(404)
  })

  it('a key never carries more than its creator holds; keys cannot mint keys; members cannot manage keys', async () => {
    // A custom role that manages settings but may not read the audit log.
    const roleKey = `keymaster-${port}`
    expect((await api('POST', '/api/roles', { key: roleKey, name: `Keymaster ${port}`, permissions: ['settings:read', 'settings:admin', 'members:read'] })).status).toBe(201)
    const email = `keymaster-${port}@acme.test`
    const since = Date.now() - 1000
    expect((await api('POST', '/api/members/invitations', { email, role: roleKey })).status).toBe(201)
    const token = linkToken(await waitForMail(email, since))
    expect((await hit(port, host, '/api/auth/accept-invitation', { method: 'POST', body: { token, name: 'Kim Keymaster', password: 'Keymaster-pass-2026' } })).status).toBe(200)
    const keymaster = await signIn(port, host, email, 'Keymaster-pass-2026')

    const beyond = await hit(port, host, '/api/api-keys', { method: 'POST', body: { name: 'Sneaky', scopes: ['members:read', 'audit:read'] }, headers: { cookie: keymaster } })
    expect(beyond.status).toBe(400)
    expect(beyond.json().data.issues[0]).toEqual({ path: 'scopes', message: 'audit:read go beyond your own permissions' })

    const { key } = (await create({ name: `Admin key ${port}`, scopes: ['settings:admin'] })).json()
    expect((await hit(port, host, '/api/api-keys', { method: 'POST', body: { name: 'Child', scopes: ['settings:admin'] }, headers: bearer(key) })).status).toBe(401)

    const member = await signIn(port, host, 'member@acme.test')
    expect((await hit(port, host, '/api/api-keys', { headers: { cookie: member } })).status).toBe(403)
  })
})

// Ageing a key needs the database; the shared rate limit needs two instances on one Redis.
describe('API keys across PostgreSQL instances', () => {
  const a = servers().find(s => s.name === 'postgres')!
  const b = servers().find(s => s.name === 'postgres-b')!
  const owner = ownerAccess()

  async function newKey(host: string, email: string, scopes: string[]) {
    const admin = await signIn(a.port, host, email)
    return (await hit(a.port, host, '/api/api-keys', { method: 'POST', body: { name: `Shared ${Date.now()}`, scopes }, headers: { cookie: admin } })).json() as { key: string, id: string }
  }

  it('an expired key is refused with a clear message', async () => {
    const { key } = await newKey('acme.localhost', 'admin@acme.test', ['members:read'])
    expect((await hit(b.port, 'acme.localhost', '/api/members', { headers: bearer(key) })).status).toBe(200)
    const hash = createHash('sha256').update(key).digest('base64url')
    await owner.sql()`update api_keys set expires_at = now() - interval '1 minute' where token_hash = ${hash}`
    await owner.forgetCached(`api-key:${hash}`)
    const res = await hit(b.port, 'acme.localhost', '/api/members', { headers: bearer(key) })
    expect(res.status).toBe(401)
    expect(res.json().message).toBe('This API key has expired')
  })

  it('the plan\'s per-key rate limit holds across two instances sharing Redis: 429 with Retry-After and RateLimit-*', async () => {
    // Globex is on Starter: 60 requests a minute per key.
    const { key } = await newKey('globex.localhost', 'admin@globex.test', ['members:read'])
    const remaining: number[] = []
    for (let i = 0; i < 60; i++) {
      const res = await hit(i % 2 ? b.port : a.port, 'globex.localhost', '/api/members?pageSize=1', { headers: bearer(key) })
      expect(res.status, `request ${i + 1}`).toBe(200)
      remaining.push(Number(res.headers['ratelimit-remaining']))
    }
    expect(remaining.at(0)).toBe(59)
    expect(remaining.at(-1)).toBe(0)
    const limited = await hit(b.port, 'globex.localhost', '/api/members?pageSize=1', { headers: bearer(key) })
    expect(limited.status).toBe(429)
    expect(limited.json().data.code).toBe('RATE_LIMITED')
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect(limited.headers['ratelimit-limit']).toBe('60')
    expect(limited.headers['ratelimit-remaining']).toBe('0')
    // Another key of the same tenant has its own budget.
    const other = await newKey('globex.localhost', 'admin@globex.test', ['members:read'])
    expect((await hit(a.port, 'globex.localhost', '/api/members?pageSize=1', { headers: bearer(other.key) })).status).toBe(200)
  })
})
