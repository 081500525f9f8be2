import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hit } from '../support/http'
import { DEMO_TENANTS } from '../../server/database/seed/demo'
import { hit, platformApi, servers, serversPerDriver, signIn } from '../support/http'
import { startIsolatedServer } from '../support/isolated-server'
import type { IsolatedServer } from '../support/isolated-server'
import { superAdminSession } from '../support/super-admin'
import { totpCode } from '../support/totp'

// Super admins managing super admins (/api/platform/admins). On the shared servers with this
// file's own super admin (super11), which only ever disables or removes admins it added itself:
// the seeded ones are signed in by other files and stay untouched. "The last active super admin"
// needs a platform with only two of them, so it runs on a server of its own (isolated-server.ts).

const PLATFORM = 'localhost'
const OPERATOR = 'super11@atrium.test'

const cookieOf = (res: Hit) => String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]!

/** The contract of every error answer, with its code. */
function expectError(res: Hit, status: number, code: string) {
  expect(res.status, res.body).toBe(status)
  expect(res.json()).toMatchObject({ statusCode: status, message: expect.any(String), data: { code } })
}

describe.each(serversPerDriver())('managing super admins on $name', ({ port, database, driver }) => {
  let operator: string
  let operatorId: string
  const run = randomBytes(3).toString('hex')
  const api = (method: string, path: string, body?: unknown, cookie = operator) =>
    hit(port, PLATFORM, `/api/platform/admins${path}`, { method, body, headers: cookie ? { cookie } : {} })
  /** The platform audit entries of one request (by its id), as the console reads them. */
  const auditOf = async (res: Hit) => (await hit(port, PLATFORM, `/api/platform/audit?requestId=${res.headers['x-request-id']}`, { headers: { cookie: operator } })).json().items

  /** Signs a new super admin in with their one-time password and enrols two-factor; their cookie and secret. */
  async function firstSignIn(email: string, password: string) {
    const login = await hit(port, PLATFORM, '/api/auth/login', { method: 'POST', body: { email, password } })
    expect(login.status, login.body).toBe(200)
    const cookie = cookieOf(login)
    expect((await hit(port, PLATFORM, '/api/auth/session', { headers: { cookie } })).json()).toMatchObject({ email, role: { key: 'super_admin' }, mfaEnrolmentRequired: true })
    // Forced to enrol before anything else.
    expectError(await api('GET', '', undefined, cookie), 403, 'MFA_ENROLMENT_REQUIRED')
    const { secret } = (await hit(port, PLATFORM, '/api/platform/account/mfa/setup', { method: 'POST', headers: { cookie } })).json()
    expect((await hit(port, PLATFORM, '/api/platform/account/mfa/enable', { method: 'POST', body: { code: totpCode(secret) }, headers: { cookie } })).status).toBe(200)
    expect((await api('GET', '', undefined, cookie)).status).toBe(200)
    return { cookie, secret }
  }

  async function add(name: string, email: string) {
    const res = await api('POST', '', { name, email })
    expect(res.status, res.body).toBe(201)
    return res.json() as { admin: { id: string, email: string, name: string, status: string, mfaEnabled: boolean }, password: string }
  }

  beforeAll(async () => {
    operator = await superAdminSession(port, database, OPERATOR)
    operatorId = (await hit(port, PLATFORM, '/api/auth/session', { headers: { cookie: operator } })).json().id
  })
  // The super admins this file added do not stay behind on the shared servers.
  afterAll(async () => {
    const mine = (await api('GET', '')).json().filter((r: { email: string }) => r.email.endsWith(`-${run}@atrium.test`))
    for (const r of mine) await api('DELETE', `/${r.id}`)
  })

  it('lists the super admins: name, email, status, two-factor, last sign-in, created; you marked', async () => {
    const res = await api('GET', '')
    expect(res.status).toBe(200)
    const rows = res.json() as { id: string, email: string, isYou: boolean }[]
    expect(rows.find(r => r.email === OPERATOR)).toMatchObject({
      id: operatorId, name: 'Eleventh Operator', status: 'active', mfaEnabled: true, isYou: true,
      lastSignInAt: expect.any(String), createdAt: expect.any(String),
    })
    expect(rows.find(r => r.email === 'super@atrium.test')).toMatchObject({ name: 'Sam Operator', isYou: false })
    expect(rows.filter(r => r.isYou)).toHaveLength(1)
  })

  it('answers only a signed-in super admin with two-factor: 401 signed out, with a tenant session or the operations token; 404 on a tenant host', async () => {
    expectError(await api('GET', '', undefined, ''), 401, 'UNAUTHENTICATED')
    expectError(await api('POST', '', { name: 'Nobody', email: `nobody-${run}@atrium.test` }, ''), 401, 'UNAUTHENTICATED')
    const tenantAdmin = await signIn(port, 'acme.localhost', 'admin@acme.test')
    expectError(await api('GET', '', undefined, tenantAdmin), 401, 'UNAUTHENTICATED')
    expectError(await api('DELETE', `/${operatorId}`, undefined, tenantAdmin), 401, 'UNAUTHENTICATED')
    // Automation may run tenants and plans, but never make or unmake super admins.
    expectError(await platformApi(port, 'GET', '/admins'), 401, 'UNAUTHENTICATED')
    expectError(await platformApi(port, 'POST', '/admins', { name: 'Robot', email: `robot-${run}@atrium.test` }), 401, 'UNAUTHENTICATED')
    const onTenant = await hit(port, 'acme.localhost', '/api/platform/admins', { headers: { cookie: tenantAdmin } })
    expectError(onTenant, 404, 'NOT_FOUND')
    expect((await api('GET', '')).json().map((r: { email: string }) => r.email)).not.toContain(`robot-${run}@atrium.test`)
  })

  it('refuses a bad body or id with 400 naming the fields', async () => {
    const bad = await api('POST', '', { name: '  ', email: 'not-an-email' })
    expectError(bad, 400, 'VALIDATION_FAILED')
    expect(bad.json().data.issues.map((i: { path: string }) => i.path).sort()).toEqual(['email', 'name'])
    expectError(await api('POST', '', { email: `x-${run}@atrium.test` }), 400, 'VALIDATION_FAILED')
    expectError(await api('POST', '', { name: 'X', email: `x-${run}@atrium.test`, role: 'owner' }), 400, 'VALIDATION_FAILED')
    const status = await api('PATCH', `/${operatorId}`, { status: 'removed' })
    expectError(status, 400, 'VALIDATION_FAILED')
    expect(status.json().data.issues[0].path).toBe('status')
    expectError(await api('PATCH', '/not-a-uuid', { status: 'active' }), 400, 'VALIDATION_FAILED')
    expectError(await api('DELETE', '/not-a-uuid'), 400, 'VALIDATION_FAILED')
    expectError(await api('DELETE', '/018f0000-0000-7000-8000-000000000000'), 404, 'NOT_FOUND')
  })

  it('adds a super admin (email normalised) with a password shown once; they sign in and must enrol two-factor first; the same email again is a 409', async () => {
    const email = `new-${run}@atrium.test`
    const res = await api('POST', '', { name: '  Nia New ', email: `  NEW-${run}@Atrium.TEST ` })
    expect(res.status, res.body).toBe(201)
    const created = res.json()
    expect(created.admin).toMatchObject({ name: 'Nia New', email, status: 'active', mfaEnabled: false, lastSignInAt: null, isYou: false })
    expect(created.password).toMatch(/^[\w-]{20,}$/)
    expect(res.headers['cache-control']).toBe('no-store')
    const [entry] = await auditOf(res)
    expect(entry).toMatchObject({ action: 'platform_admin.added', actorType: 'platform_admin', actorId: operatorId, entityType: 'platform_admin', entityId: created.admin.id, before: null, after: { email, name: 'Nia New', status: 'active' } })
    // The password is not in the log, nor in the list.
    expect(JSON.stringify(entry)).not.toContain(created.password)
    expect((await api('GET', '')).body).not.toContain(created.password)

    await firstSignIn(email, created.password)
    const listed = (await api('GET', '')).json().find((r: { email: string }) => r.email === email)
    expect(listed).toMatchObject({ mfaEnabled: true, lastSignInAt: expect.any(String) })

    for (const again of [email, email.toUpperCase()]) {
      const dup = await api('POST', '', { name: 'Twice', email: again })
      expectError(dup, 409, 'CONFLICT')
      expect(dup.json().data.issues).toEqual([{ path: 'email', message: 'is already a super admin' }])
    }
  })

  it('disabling ends their sessions at once and refuses their sign-in; enabling lets them back in', async () => {
    const email = `dora-${run}@atrium.test`
    const { admin, password } = await add('Dora Disabled', email)
    const { cookie, secret } = await firstSignIn(email, password)

    const disabled = await api('PATCH', `/${admin.id}`, { status: 'deactivated' })
    expect(disabled.status, disabled.body).toBe(200)
    expect(disabled.json()).toMatchObject({ id: admin.id, status: 'deactivated' })
    expect(await auditOf(disabled)).toEqual([expect.objectContaining({
      action: 'platform_admin.disabled', actorId: operatorId, entityId: admin.id,
      before: { email, status: 'active' }, after: { email, status: 'deactivated', sessionsEnded: 1, impersonationsEnded: [] },
    })])
    // Their session is refused on the next request (and on the other instance sharing the cache).
    expectError(await api('GET', '', undefined, cookie), 401, 'UNAUTHENTICATED')
    expect((await hit(port, PLATFORM, '/api/auth/session', { headers: { cookie } })).status).toBe(401)
    if (driver === 'postgres') {
      const other = servers().find(s => s.name === 'postgres-b')!
      expect((await hit(other.port, PLATFORM, '/api/platform/tenants', { headers: { cookie } })).status).toBe(401)
    }
    // Sign-in is refused like a wrong password.
    expectError(await hit(port, PLATFORM, '/api/auth/login', { method: 'POST', body: { email, password } }), 401, 'INVALID_CREDENTIALS')
    expect((await api('GET', '')).json().find((r: { id: string }) => r.id === admin.id)).toMatchObject({ status: 'deactivated' })
    expectError(await api('PATCH', `/${admin.id}`, { status: 'deactivated' }), 409, 'CONFLICT')

    const enabled = await api('PATCH', `/${admin.id}`, { status: 'active' })
    expect(enabled.status, enabled.body).toBe(200)
    expect(enabled.json()).toMatchObject({ status: 'active', mfaEnabled: true })
    expect(await auditOf(enabled)).toEqual([expect.objectContaining({ action: 'platform_admin.enabled', actorId: operatorId, entityId: admin.id, before: { email, status: 'deactivated' }, after: { email, status: 'active' } })])
    // The old session stays ended; a new sign-in works, with their two-factor as before.
    expect((await api('GET', '', undefined, cookie)).status).toBe(401)
    const login = (await hit(port, PLATFORM, '/api/auth/login', { method: 'POST', body: { email, password } })).json()
    expect(login).toMatchObject({ mfaRequired: true })
    const done = await hit(port, PLATFORM, '/api/auth/login-mfa', { method: 'POST', body: { challenge: login.challenge, code: totpCode(secret, 30_000) } })
    expect(done.status, done.body).toBe(200)
    expect((await api('GET', '', undefined, cookieOf(done))).status).toBe(200)
  })

  it('nobody disables or removes themselves', async () => {
    const disable = await api('PATCH', `/${operatorId}`, { status: 'deactivated' })
    expectError(disable, 409, 'CONFLICT')
    expect(disable.json().message).toMatch(/cannot disable yourself/)
    const remove = await api('DELETE', `/${operatorId}`)
    expectError(remove, 409, 'CONFLICT')
    expect(remove.json().message).toMatch(/cannot remove yourself/)
    expect((await api('GET', '')).json().find((r: { id: string }) => r.id === operatorId)).toMatchObject({ status: 'active' })
  })

  it('removing ends their sessions, refuses their sign-in and hides them, keeping their audit history; their email can be added again', async () => {
    const email = `rex-${run}@atrium.test`
    const { admin, password } = await add('Rex Removed', email)
    const { cookie } = await firstSignIn(email, password)
    // Something they did, in the log under their id.
    const theirs = await hit(port, PLATFORM, '/api/platform/tenants', { headers: { cookie } })
    expect(theirs.status).toBe(200)

    const removed = await api('DELETE', `/${admin.id}`)
    expect(removed.status, removed.body).toBe(204)
    expect(await auditOf(removed)).toEqual([expect.objectContaining({
      action: 'platform_admin.removed', actorId: operatorId, entityId: admin.id,
      before: { email, name: 'Rex Removed', status: 'active', mfaEnabled: true }, after: { status: 'removed', sessionsEnded: 1, impersonationsEnded: [] },
    })])
    expectError(await api('GET', '', undefined, cookie), 401, 'UNAUTHENTICATED')
    expectError(await hit(port, PLATFORM, '/api/auth/login', { method: 'POST', body: { email, password } }), 401, 'INVALID_CREDENTIALS')
    expect((await api('GET', '')).json().map((r: { id: string }) => r.id)).not.toContain(admin.id)
    expectError(await api('DELETE', `/${admin.id}`), 404, 'NOT_FOUND')
    expectError(await api('PATCH', `/${admin.id}`, { status: 'active' }), 404, 'NOT_FOUND')
    // The log still names them for what they did, by id and email.
    const history = (await hit(port, PLATFORM, `/api/platform/audit?actor=${admin.id}`, { headers: { cookie: operator } })).json().items
    expect(history.length).toBeGreaterThan(0)
    expect(history[0]).toMatchObject({ actorId: admin.id, actorEmail: email })

    // Added again: the same account (one history), a new password, two-factor to enrol again.
    const back = await api('POST', '', { name: 'Rex Returned', email })
    expect(back.status, back.body).toBe(201)
    expect(back.json().admin).toMatchObject({ id: admin.id, name: 'Rex Returned', status: 'active', mfaEnabled: false })
    expect((await auditOf(back))[0]).toMatchObject({ action: 'platform_admin.added', before: { email, status: 'removed' } })
    expectError(await hit(port, PLATFORM, '/api/auth/login', { method: 'POST', body: { email, password } }), 401, 'INVALID_CREDENTIALS')
    await firstSignIn(email, back.json().password)
    // Tidy: this file's admins do not linger as active on the shared servers.
    expect((await api('DELETE', `/${admin.id}`)).status).toBe(204)
  })
})

// The last active super admin can be neither disabled nor removed. Through the API the actor is
// always an active super admin and may not act on themselves, so this can only bite when two act at
// once: each disabling the other, or one disabled between signing in and acting. A platform with
// exactly two super admins, on a server of its own (the shared ones have many, signed in by other files).
describe.each(serversPerDriver())('the last active super admin, on a platform of its own ($name)', ({ driver }) => {
  let iso: IsolatedServer
  const A = 'solo-a@atrium.test'
  const B = 'solo-b@atrium.test'
  let a: string
  let b: string
  const ids: Record<string, string> = {}
  const call = (cookie: string, method: string, path: string, body?: unknown) =>
    hit(iso.port, PLATFORM, `/api/platform/admins${path}`, { method, body, headers: { cookie } })
  const activeCount = async (cookie: string) => (await call(cookie, 'GET', '')).json().filter((r: { status: string }) => r.status === 'active').length

  beforeAll(async () => {
    iso = await startIsolatedServer(driver, [{ email: A, name: 'Solo A' }, { email: B, name: 'Solo B' }], [
      { slug: 'solo', name: 'Solo Inc', plan: 'pro', status: 'active', scale: 0.1, usage: false, theme: { ...DEMO_TENANTS[0]!.theme, logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
    ])
    a = await superAdminSession(iso.port, iso.database, A)
    b = await superAdminSession(iso.port, iso.database, B)
    for (const r of (await call(a, 'GET', '')).json()) ids[r.email] = r.id
  })
  afterAll(async () => iso?.stop())

  it('two super admins disabling each other at the same moment: one wins, the other is refused, one stays active', async () => {
    const [ab, ba] = await Promise.all([
      call(a, 'PATCH', `/${ids[B]}`, { status: 'deactivated' }),
      call(b, 'PATCH', `/${ids[A]}`, { status: 'deactivated' }),
    ])
    const results = [ab, ba]
    expect(results.filter(r => r.status === 200), results.map(r => r.body).join('\n')).toHaveLength(1)
    const loser = results.find(r => r.status !== 200)!
    // Refused by the rule (409 LAST_ADMIN), or already signed out by the winner's commit (401).
    expect([409, 401]).toContain(loser.status)
    if (loser.status === 409) expect(loser.json()).toMatchObject({ data: { code: 'LAST_ADMIN' }, message: expect.stringMatching(/last active super admin/) })
    const winner = ab.status === 200 ? a : b
    const loserEmail = ab.status === 200 ? B : A
    expect(await activeCount(winner)).toBe(1)
    // Put back as it was: enabled again, and signed in again (the disable ended their session).
    expect((await call(winner, 'PATCH', `/${ids[loserEmail]}`, { status: 'active' })).status).toBe(200)
    expect(await activeCount(winner)).toBe(2)
    if (loserEmail === A) a = await superAdminSession(iso.port, iso.database, A)
    else b = await superAdminSession(iso.port, iso.database, B)
  })

  // Only on PostgreSQL: PGlite's database belongs to its server, so no row can be changed behind its back.
  if (driver === 'postgres') it('a super admin disabled a moment ago, still holding a session, cannot disable or remove the last active one', async () => {
    // Make A's own row inactive behind its back, as a concurrent disable that committed between
    // A's sign-in check (its cached session) and A's change would. B is then the only active one.
    const owner = postgres(iso.ownerUrl!, { max: 1, onnotice: () => {} })
    try {
      expect((await call(a, 'GET', '')).status).toBe(200) // A's session is in the cache
      await owner`update platform_admins set status = 'deactivated' where email = ${A}`
      for (const [method, body] of [['PATCH', { status: 'deactivated' }], ['DELETE', undefined]] as const) {
        const res = await call(a, method, `/${ids[B]}`, body)
        expectError(res, 409, 'LAST_ADMIN')
        expect(res.json().message).toBe(`${B} is the last active super admin and cannot be ${method === 'PATCH' ? 'disabled' : 'removed'}: add or enable another first`)
      }
    }
    finally {
      await owner`update platform_admins set status = 'active' where email = ${A}`
      await owner.end()
    }
    expect(await activeCount(b)).toBe(2)
  })

  it('disabling a super admin also ends the impersonation they are running: its tenant session is refused, the tenant\'s log says why', async () => {
    const member = (await hit(iso.port, PLATFORM, '/api/platform/tenants/solo/members?search=member%40solo.test', { headers: { cookie: a } })).json().items[0]
    const started = await hit(iso.port, PLATFORM, '/api/platform/tenants/solo/impersonations', { method: 'POST', body: { userId: member.id, reason: 'Checking what a member sees' }, headers: { cookie: a } })
    expect(started.status, started.body).toBe(201)
    const link = new URL(started.json().url)
    const handOff = await hit(iso.port, 'solo.localhost', `${link.pathname}${link.search}`)
    const impersonated = cookieOf(handOff)
    expect((await hit(iso.port, 'solo.localhost', '/api/auth/session', { headers: { cookie: impersonated } })).json()).toMatchObject({ email: 'member@solo.test' })

    const disabled = await call(b, 'PATCH', `/${ids[A]}`, { status: 'deactivated' })
    expect(disabled.status, disabled.body).toBe(200)
    const entry = (await hit(iso.port, PLATFORM, `/api/platform/audit?requestId=${disabled.headers['x-request-id']}`, { headers: { cookie: b } })).json().items
    expect(entry).toEqual([expect.objectContaining({ action: 'platform_admin.disabled', after: expect.objectContaining({ sessionsEnded: 1, impersonationsEnded: [started.json().id] }) })])
    expect((await hit(iso.port, 'solo.localhost', '/api/auth/session', { headers: { cookie: impersonated } })).status).toBe(401)
    const admin = await signIn(iso.port, 'solo.localhost', 'admin@solo.test')
    const tenantLog = (await hit(iso.port, 'solo.localhost', `/api/audit?requestId=${disabled.headers['x-request-id']}`, { headers: { cookie: admin } })).json().items
    expect(tenantLog).toEqual([expect.objectContaining({ action: 'impersonation.ended', entityId: started.json().id, after: { via: 'admin_disabled', sessionsEnded: 1 } })])
    expect((await call(b, 'PATCH', `/${ids[A]}`, { status: 'active' })).status).toBe(200)
  })
})
