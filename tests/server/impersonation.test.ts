import { createHash, randomUUID } from 'node:crypto'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hit } from '../support/http'
import { hit, platformApi, serversPerDriver, signIn } from '../support/http'
import { ownerAccess, ownerUrl } from '../support/owner'
import { superAdminSession } from '../support/super-admin'

// Impersonation (issue 7, item 6): a super admin enters gringotts as one of its members through a
// single-use hand-off link; the session is time-limited, shows who is behind it, is audited as
// impersonated in the tenant's log and the platform's, and ends on demand or on expiry.
const PLATFORM = 'localhost'
const HOST = 'gringotts.localhost'
const SUPER = 'super7@atrium.test'
const REASON = 'Ticket 4711: the customer cannot see their dashboards'

const cookieOf = (res: Hit) => String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]!
const tokenHash = (cookie: string) => createHash('sha256').update(cookie.slice('session='.length)).digest('base64url')

describe.each(serversPerDriver())('impersonation on $name', ({ port, database, driver }) => {
  let superCookie: string
  let admin: string
  let owner: postgres.Sql | undefined
  const users: Record<string, string> = {}

  const platform = (method: string, path: string, body?: unknown, cookie = superCookie) =>
    hit(port, PLATFORM, `/api/platform${path}`, { method, body, headers: cookie ? { cookie } : {} })
  const tenant = (method: string, path: string, cookie: string, body?: unknown, host = HOST) =>
    hit(port, host, path, { method, body, headers: { cookie } })

  async function start(user: string, body: Record<string, unknown> = {}) {
    const res = await platform('POST', '/tenants/gringotts/impersonations', { userId: users[user], reason: REASON, ...body })
    expect(res.status, res.body).toBe(201)
    return res.json() as { id: string, expiresAt: string, url: string }
  }
  /** Opens the hand-off link as the super admin's browser would (the path only; the host is the link's). */
  async function handOff(url: string, host = HOST) {
    const link = new URL(url)
    return hit(port, host, `${link.pathname}${link.search}`)
  }
  async function enter(user: string, body: Record<string, unknown> = {}) {
    const started = await start(user, body)
    const res = await handOff(started.url)
    expect(res.status, res.body).toBe(302)
    return { ...started, cookie: cookieOf(res), res }
  }
  async function tenantAudit(query: string) {
    const res = await tenant('GET', `/api/audit?${query}`, admin)
    expect(res.status).toBe(200)
    return res.json().items as { action: string, actorId: string | null, actorType: string, impersonatedBy: string | null, adminName: string | null, after: any, requestId: string }[]
  }
  async function platformLog(requestId: string) {
    return owner!<{ action: string, tenant_id: string, impersonated_by: string | null, actor_id: string | null }[]>`select action, tenant_id, impersonated_by, actor_id from platform_audit_log where request_id = ${requestId}`
  }

  beforeAll(async () => {
    superCookie = await superAdminSession(port, database, SUPER)
    admin = await signIn(port, HOST, 'admin@gringotts.test')
    const members = await platform('GET', '/tenants/gringotts/members?pageSize=100')
    expect(members.status).toBe(200)
    for (const m of members.json().items as { id: string, email: string }[]) users[m.email.split('@')[0]!] = m.id
    if (driver === 'postgres') owner = postgres(ownerUrl(), { max: 1, onnotice: () => {} })
  })
  afterAll(async () => owner?.end())

  it('start → hand-off → the session acts as the member, bannered, and every write is audited as impersonated in both logs', async () => {
    const me = (await hit(port, PLATFORM, '/api/auth/session', { headers: { cookie: superCookie } })).json() as { id: string, name: string }
    const started = await start('admin', { minutes: 10 })
    // The link is on the workspace's primary host, on the scheme and port the console was reached on.
    expect(started.url).toMatch(/^http:\/\/gringotts\.localhost\/api\/auth\/impersonate\?token=[\w-]{40,}$/)
    const withPort = await hit(port, `localhost:${port}`, '/api/platform/tenants/gringotts/impersonations', { method: 'POST', body: { userId: users.member, reason: REASON }, headers: { cookie: superCookie } })
    expect(withPort.json().url).toMatch(new RegExp(`^http://gringotts\\.localhost:${port}/api/auth/impersonate\\?token=`))
    expect(new Date(started.expiresAt).getTime() - Date.now()).toBeGreaterThan(9 * 60_000)
    expect(new Date(started.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000)

    const res = await handOff(started.url)
    expect(res.status).toBe(302)
    expect(res.headers.location).toBe('/')
    const setCookie = String(res.headers['set-cookie']?.[0])
    expect(setCookie).toMatch(/HttpOnly/)
    // The cookie lives no longer than the impersonation.
    expect(Number(/Max-Age=(\d+)/.exec(setCookie)?.[1])).toBeLessThanOrEqual(600)
    const cookie = cookieOf(res)

    const session = await tenant('GET', '/api/auth/session', cookie)
    expect(session.status).toBe(200)
    expect(session.json()).toMatchObject({
      id: users.admin, email: 'admin@gringotts.test', role: { key: 'admin' },
      impersonation: { id: started.id, adminName: me.name, adminEmail: SUPER, reason: REASON, expiresAt: started.expiresAt },
    })
    // The member's own sessions show no banner.
    expect((await tenant('GET', '/api/auth/session', admin)).json().impersonation).toBeNull()

    // A write in the impersonated session: the tenant's entry names the super admin behind it…
    const created = await tenant('POST', '/api/teams', cookie, { name: `Impersonated team ${port}-${Date.now()}` })
    expect(created.status, created.body).toBe(201)
    const requestId = String(created.headers['x-request-id'])
    const [entry] = await tenantAudit(`requestId=${requestId}`)
    expect(entry).toMatchObject({ action: 'team.created', actorType: 'user', actorId: users.admin, impersonatedBy: me.id, adminName: me.name })
    // …and the platform's log has its copy, with the tenant (readable over the owner connection).
    if (owner) {
      const tenantId = (await platform('GET', '/tenants?search=gringotts')).json().items[0].id
      expect(await platformLog(requestId)).toEqual([{ action: 'team.created', tenant_id: tenantId, impersonated_by: me.id, actor_id: users.admin }])
    }

    // The tenant sees that it happened: the start (by the super admin) and the impersonated sign-in.
    const trail = await tenantAudit('impersonation=true&pageSize=200')
    expect(trail.find(e => e.action === 'impersonation.started' && e.after?.user?.id === users.admin && e.after?.reason === REASON))
      .toMatchObject({ actorType: 'platform_admin', actorId: me.id, adminName: me.name })
    expect(trail.find(e => e.action === 'auth.signed_in' && e.after?.impersonation === started.id)).toMatchObject({ impersonatedBy: me.id })
    expect(trail.every(e => e.impersonatedBy !== null || e.action.startsWith('impersonation.'))).toBe(true)
    await tenant('POST', '/api/auth/impersonation/end', cookie)
  })

  it('the hand-off link works once, only on its own workspace\'s hosts, and not after two minutes', async () => {
    const started = await start('member')
    // Another workspace's host: refused as unknown, and the link is not spent by it.
    const elsewhere = await handOff(started.url, 'acme.localhost')
    expect(elsewhere.status).toBe(400)
    expect(elsewhere.json().data.code).toBe('TOKEN_INVALID')
    expect(elsewhere.headers['set-cookie']).toBeUndefined()
    expect((await handOff(started.url, PLATFORM)).status).toBe(404)

    const first = await handOff(started.url)
    expect(first.status).toBe(302)
    const again = await handOff(started.url)
    expect(again.status).toBe(410)
    expect(again.json().message).toMatch(/already used/)
    // A browser gets a small page in the workspace's brand, not JSON.
    const page = await hit(port, HOST, new URL(started.url).pathname + new URL(started.url).search, { headers: { accept: 'text/html' } })
    expect(page.status).toBe(410)
    expect(page.headers['content-type']).toMatch(/text\/html/)
    expect(page.body).toContain('This impersonation link cannot be used')

    expect((await hit(port, HOST, '/api/auth/impersonate?token=not-a-real-token-at-all-000000')).status).toBe(400)
    expect((await hit(port, HOST, '/api/auth/impersonate')).status).toBe(400)
    await tenant('POST', '/api/auth/impersonation/end', cookieOf(first))

    if (owner) {
      const late = await start('member')
      await owner`update impersonations set created_at = now() - interval '3 minutes' where id = ${late.id}`
      const res = await handOff(late.url)
      expect(res.status).toBe(410)
      expect(res.json().message).toMatch(/expired/)
      // The console no longer counts it as running.
      const listed = (await platform('GET', '/impersonations?tenant=gringotts&pageSize=100')).json().items.find((i: { id: string }) => i.id === late.id)
      expect(listed).toMatchObject({ status: 'ended', entered: false })
    }
  })

  it('ends on demand from the workspace: the session stops, and both logs record the end as impersonated', async () => {
    const { id, cookie } = await enter('viewer')
    const ended = await tenant('POST', '/api/auth/impersonation/end', cookie)
    expect(ended.status).toBe(200)
    expect(ended.json()).toEqual({ redirect: 'http://localhost/admin' })
    expect((await tenant('GET', '/api/auth/session', cookie)).status).toBe(401)
    const requestId = String(ended.headers['x-request-id'])
    const [entry] = await tenantAudit(`requestId=${requestId}`)
    expect(entry).toMatchObject({ action: 'impersonation.ended', actorId: users.viewer, after: { via: 'button' } })
    expect(entry!.impersonatedBy).not.toBeNull()
    if (owner) expect((await platformLog(requestId)).map(r => r.action)).toEqual(['impersonation.ended'])

    const listed = (await platform('GET', '/impersonations?tenant=gringotts&pageSize=100')).json().items.find((i: { id: string }) => i.id === id)
    expect(listed).toMatchObject({ status: 'ended', entered: true, reason: REASON, user: { id: users.viewer, email: 'viewer@gringotts.test' }, admin: { email: SUPER }, tenant: { slug: 'gringotts' } })
    // A normal session has nothing to end.
    expect((await tenant('POST', '/api/auth/impersonation/end', admin)).status).toBe(409)
  })

  it('the member sees the impersonated session among their own, and may end it', async () => {
    const { id, cookie } = await enter('member')
    const own = await signIn(port, HOST, 'member@gringotts.test')
    const mine = (await tenant('GET', '/api/account/sessions', own)).json() as { id: string, impersonated: boolean, current: boolean }[]
    const theirs = mine.filter(s => s.impersonated)
    expect(theirs).toHaveLength(1)
    expect(mine.find(s => s.current)!.impersonated).toBe(false)
    expect((await tenant('DELETE', `/api/account/sessions/${theirs[0]!.id}`, own)).status).toBe(204)
    expect((await tenant('GET', '/api/auth/session', cookie)).status).toBe(401)
    const listed = (await platform('GET', '/impersonations?tenant=gringotts&pageSize=100')).json().items.find((i: { id: string }) => i.id === id)
    expect(listed.status).toBe('ended')
  })

  it('signing out of an impersonated session ends the impersonation', async () => {
    const { id, cookie } = await enter('support')
    expect((await tenant('POST', '/api/auth/logout', cookie)).status).toBe(200)
    expect((await tenant('GET', '/api/auth/session', cookie)).status).toBe(401)
    const listed = (await platform('GET', '/impersonations?tenant=gringotts&pageSize=100')).json().items.find((i: { id: string }) => i.id === id)
    expect(listed.status).toBe('ended')
  })

  it('a super admin ends it from the console: the tenant session stops at once', async () => {
    const { id, cookie } = await enter('manager')
    expect((await platform('GET', '/impersonations?status=active&pageSize=100')).json().items.map((i: { id: string }) => i.id)).toContain(id)
    const ended = await platform('POST', `/impersonations/${id}/end`)
    expect(ended.status).toBe(200)
    expect(ended.json()).toMatchObject({ id, status: 'ended' })
    expect((await tenant('GET', '/api/auth/session', cookie)).status).toBe(401)
    expect((await platform('POST', `/impersonations/${id}/end`)).status).toBe(409)
    expect((await platform('POST', `/impersonations/${randomUUID()}/end`)).status).toBe(404)
    const [entry] = await tenantAudit(`requestId=${String(ended.headers['x-request-id'])}`)
    expect(entry).toMatchObject({ action: 'impersonation.ended', actorType: 'platform_admin', after: { via: 'console', sessionsEnded: 1 } })
    expect((await platform('GET', '/impersonations?status=active&pageSize=100')).json().items.map((i: { id: string }) => i.id)).not.toContain(id)
  })

  it('refuses the impersonated person\'s own credentials: password, two-factor, other sessions, API keys', async () => {
    const { cookie } = await enter('admin')
    const refused = async (method: string, path: string, body?: unknown) => {
      const res = await tenant(method, path, cookie, body)
      expect(res.status, `${method} ${path}`).toBe(403)
      expect(res.json().data.code).toBe('IMPERSONATION_FORBIDDEN')
    }
    await refused('POST', '/api/auth/change-password', { currentPassword: 'Demo-pass-2026', newPassword: 'Taken-over-password-99' })
    await refused('POST', '/api/account/mfa/setup')
    await refused('POST', '/api/account/mfa/enable', { code: '123456' })
    await refused('POST', '/api/account/mfa/disable', { password: 'Demo-pass-2026' })
    await refused('POST', '/api/auth/logout-all')
    await refused('DELETE', `/api/account/sessions/${randomUUID()}`)
    await refused('POST', '/api/api-keys', { name: 'Left behind', scopes: ['members:read'] })
    // The real admin still signs in with the old password, and the impersonation still runs.
    expect(await signIn(port, HOST, 'admin@gringotts.test')).toMatch(/^session=/)
    expect((await tenant('GET', '/api/auth/session', cookie)).status).toBe(200)
    await tenant('POST', '/api/auth/impersonation/end', cookie)
  })

  it('refuses clearly: a suspended workspace, someone who is not an active member, bad input', async () => {
    const suspended = await platform('POST', '/tenants/umbrella/impersonations', { userId: randomUUID(), reason: REASON })
    expect(suspended.status).toBe(409)
    expect(suspended.json().data.code).toBe('WORKSPACE_SUSPENDED')
    expect(suspended.json().message).toMatch(/Umbrella Corporation is suspended/)

    const unknown = await platform('POST', '/tenants/gringotts/impersonations', { userId: randomUUID(), reason: REASON })
    expect(unknown.status).toBe(404)
    expect((await platform('POST', '/tenants/no-such-tenant/impersonations', { userId: users.member, reason: REASON })).status).toBe(404)
    // Someone of another workspace is no member here.
    const acmeAdmin = (await hit(port, 'acme.localhost', '/api/auth/session', { headers: { cookie: await signIn(port, 'acme.localhost', 'admin@acme.test') } })).json().id
    expect((await platform('POST', '/tenants/gringotts/impersonations', { userId: acmeAdmin, reason: REASON })).status).toBe(404)

    const invitedEmail = `imp-invited-${port}-${Date.now()}@gringotts.test`
    expect((await tenant('POST', '/api/members/invitations', admin, { email: invitedEmail, role: 'member' })).status).toBe(201)
    const invited = (await platform('GET', `/tenants/gringotts/members?search=${encodeURIComponent(invitedEmail)}`)).json().items[0]
    const notActive = await platform('POST', '/tenants/gringotts/impersonations', { userId: invited.id, reason: REASON })
    expect(notActive.status).toBe(409)
    expect(notActive.json().message).toMatch(/only an active member/)

    for (const [body, field] of [
      [{ userId: users.member, reason: 'too short' }, 'reason'],
      [{ userId: users.member, reason: 'x'.repeat(501) }, 'reason'],
      [{ userId: users.member, reason: REASON, minutes: 61 }, 'minutes'],
      [{ userId: users.member, reason: REASON, minutes: 4 }, 'minutes'],
      [{ userId: 'not-a-uuid', reason: REASON }, 'userId'],
      [{ userId: users.member, reason: REASON, extra: true }, '(root)'],
    ] as const) {
      const res = await platform('POST', '/tenants/gringotts/impersonations', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.json().data.issues[0].path).toBe(field)
    }
  })

  it('the platform routes: 401 signed out or with a tenant\'s session, 404 on a tenant host, a person not the operations token to start', async () => {
    const body = { userId: users.member, reason: REASON }
    const routes: [string, string][] = [
      ['POST', '/tenants/gringotts/impersonations'],
      ['GET', '/tenants/gringotts/members'],
      ['GET', '/impersonations'],
      ['POST', `/impersonations/${randomUUID()}/end`],
    ]
    for (const [method, path] of routes) {
      expect((await platform(method, path, body, '')).status, `${method} ${path} signed out`).toBe(401)
      expect((await platform(method, path, body, admin)).status, `${method} ${path} tenant admin`).toBe(401)
      const onTenant = await hit(port, HOST, `/api/platform${path}`, { method, body, headers: { cookie: admin } })
      expect(onTenant.status, `${method} ${path} on a tenant host`).toBe(404)
      // The super admin's own session, carried to the tenant's host, is worth nothing there either.
      expect((await hit(port, HOST, `/api/platform${path}`, { method, body, headers: { cookie: superCookie } })).status).toBe(404)
    }
    // Automation may read, but only a person (with two-factor) may enter a workspace.
    expect((await platformApi(port, 'GET', '/impersonations')).status).toBe(200)
    expect((await platformApi(port, 'POST', '/tenants/gringotts/impersonations', body)).status).toBe(401)
    expect((await platformApi(port, 'POST', `/impersonations/${randomUUID()}/end`)).status).toBe(401)
  })
})

// Expiry needs time to pass: the test moves the impersonation's end into the past in PostgreSQL
// and drops the cached principal from the shared Redis, as if the cache entry had lapsed.
describe('impersonation expiry on postgres', () => {
  const server = serversPerDriver().find(s => s.driver === 'postgres')!
  const owner = ownerAccess()

  it('the session stops at the impersonation\'s expiry, and the console shows it expired', async () => {
    const superCookie = await superAdminSession(server.port, server.database, SUPER)
    const platform = (method: string, path: string, body?: unknown) => hit(server.port, PLATFORM, `/api/platform${path}`, { method, body, headers: { cookie: superCookie } })
    const member = (await platform('GET', '/tenants/gringotts/members?search=member%40gringotts.test')).json().items[0].id
    const started = (await platform('POST', '/tenants/gringotts/impersonations', { userId: member, reason: REASON, minutes: 5 })).json()
    const link = new URL(started.url)
    const cookie = cookieOf(await hit(server.port, HOST, `${link.pathname}${link.search}`))
    expect((await hit(server.port, HOST, '/api/auth/session', { headers: { cookie } })).status).toBe(200)
    // The session was never longer than the impersonation.
    const [row] = await owner.sql()<{ expires_at: Date }[]>`select expires_at from sessions where impersonation_id = ${started.id}`
    expect(row!.expires_at.toISOString()).toBe(started.expiresAt)

    await owner.sql()`update impersonations set expires_at = now() - interval '1 second' where id = ${started.id}`
    await owner.sql()`update sessions set expires_at = now() - interval '1 second' where impersonation_id = ${started.id}`
    await owner.forgetCached(`session:${tokenHash(cookie)}`)
    expect((await hit(server.port, HOST, '/api/auth/session', { headers: { cookie } })).status).toBe(401)
    expect((await hit(server.port, HOST, '/api/teams', { headers: { cookie } })).status).toBe(401)

    const listed = (await platform('GET', '/impersonations?tenant=gringotts&pageSize=100')).json().items.find((i: { id: string }) => i.id === started.id)
    expect(listed).toMatchObject({ status: 'expired', entered: true })
    expect(listed.endedAt).not.toBeNull()
    expect((await platform('POST', `/impersonations/${started.id}/end`)).status).toBe(409)
  })
})
