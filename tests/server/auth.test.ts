import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { SYSTEM_ROLE_KEYS, SYSTEM_ROLES } from '../../shared/permissions'
import type { Permission } from '../../shared/permissions'
import { DEMO_PASSWORD, hit, serversPerDriver, signIn } from '../support/http'
import { ownerAccess } from '../support/owner'

// Permission-guarded tenant routes and what they need (the role matrix walks these).
const GUARDED: { path: string, permission: Permission }[] = [
  { path: '/api/overview', permission: 'dashboard:read' },
  { path: '/api/analytics/usage', permission: 'analytics:read' },
]

describe.each(serversPerDriver())('sign-in and sessions on $name', ({ port }) => {
  const login = (host: string, body: unknown) => hit(port, host, '/api/auth/login', { method: 'POST', body })

  it('signs in with a host-only, HttpOnly, SameSite=Lax cookie; the body never carries the secret', async () => {
    const res = await login('acme.localhost', { email: 'Admin@Acme.test ', password: DEMO_PASSWORD })
    expect(res.status).toBe(200)
    const cookie = String(res.headers['set-cookie']?.[0])
    expect(cookie).toMatch(/^session=[\w-]{40,};/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).not.toMatch(/Domain=/i)
    const secret = cookie.split(';')[0]!.slice('session='.length)
    expect(res.body).not.toContain(secret)
    expect(res.json().user).toMatchObject({ email: 'admin@acme.test', role: { key: 'admin' } })
  })

  it('the session endpoint answers the user for their own tenant, 401 otherwise', async () => {
    const cookie = await signIn(port, 'acme.localhost', 'member@acme.test')
    const mine = await hit(port, 'acme.localhost', '/api/auth/session', { headers: { cookie } })
    expect(mine.status).toBe(200)
    expect(mine.json()).toMatchObject({ email: 'member@acme.test', role: { key: 'member' } })
    expect((await hit(port, 'acme.localhost', '/api/auth/session')).status).toBe(401)
  })

  it('a session from acme sent to globex\'s host is rejected, on APIs and on SSR pages', async () => {
    const cookie = await signIn(port, 'acme.localhost', 'admin@acme.test')
    expect((await hit(port, 'globex.localhost', '/api/auth/session', { headers: { cookie } })).status).toBe(401)
    expect((await hit(port, 'globex.localhost', '/api/overview', { headers: { cookie } })).status).toBe(401)
    const page = await hit(port, 'globex.localhost', '/', { headers: { cookie } })
    expect(page.status).toBe(302)
    expect(page.headers.location).toBe('/login')
    // and it still works at home
    expect((await hit(port, 'acme.localhost', '/', { headers: { cookie } })).status).toBe(200)
  })

  it('answers a wrong password and an unknown email identically', async () => {
    const wrong = await login('acme.localhost', { email: 'admin@acme.test', password: 'not-the-password' })
    const unknown = await login('acme.localhost', { email: 'nobody@acme.test', password: 'not-the-password' })
    const otherTenant = await login('globex.localhost', { email: 'admin@acme.test', password: DEMO_PASSWORD })
    for (const res of [wrong, unknown, otherTenant]) {
      expect(res.status).toBe(401)
      expect(res.json()).toMatchObject({ statusCode: 401, message: 'Email or password is incorrect', data: { code: 'INVALID_CREDENTIALS' } })
      expect(res.headers['set-cookie']).toBeUndefined()
    }
    expect(wrong.json().data).toEqual(unknown.json().data)
  })

  it.each([
    ['no body', undefined],
    ['malformed JSON', '{"email":'],
    ['a missing password', { email: 'admin@acme.test' }],
    ['an invalid email', { email: 'not-an-email', password: 'x' }],
    ['an oversized email', { email: `${'a'.repeat(300)}@acme.test`, password: 'x' }],
    ['an oversized password', { email: 'admin@acme.test', password: 'x'.repeat(5000) }],
    ['extra fields (no mass assignment)', { email: 'admin@acme.test', password: DEMO_PASSWORD, tenantId: '00000000-0000-0000-0000-000000000000', role: 'admin' }],
  ])('refuses %s with a 400', async (_label, body) => {
    const res = await login('acme.localhost', body)
    expect(res.status).toBe(400)
    expect(res.json().data.code).toMatch(/VALIDATION_FAILED|BAD_REQUEST/)
  })

  it('signing out ends the session on the next request', async () => {
    const cookie = await signIn(port, 'acme.localhost', 'manager@acme.test')
    expect((await hit(port, 'acme.localhost', '/api/overview', { headers: { cookie } })).status).toBe(200)
    const out = await hit(port, 'acme.localhost', '/api/auth/logout', { method: 'POST', headers: { cookie } })
    expect(out.status).toBe(200)
    expect(String(out.headers['set-cookie']?.[0])).toMatch(/^session=;/)
    expect((await hit(port, 'acme.localhost', '/api/overview', { headers: { cookie } })).status).toBe(401)
  })

  it('a forged or oversized cookie is simply not a session', async () => {
    for (const cookie of ['session=forged-token-value-that-does-not-exist', `session=${'x'.repeat(4000)}`]) {
      expect((await hit(port, 'acme.localhost', '/api/overview', { headers: { cookie } })).status).toBe(401)
    }
  })

  describe('the role matrix', () => {
    it.each(SYSTEM_ROLE_KEYS)('%s gets exactly what its permissions say', async (role) => {
      const cookie = await signIn(port, 'acme.localhost', `${role}@acme.test`)
      for (const route of GUARDED) {
        const res = await hit(port, 'acme.localhost', route.path, { headers: { cookie } })
        const allowed = (SYSTEM_ROLES[role].permissions as readonly Permission[]).includes(route.permission)
        expect(res.status, `${role} ${route.path}`).toBe(allowed ? 200 : 403)
        if (!allowed) expect(res.json().data.code).toBe('FORBIDDEN')
      }
    })

    it('without a session every guarded route answers 401', async () => {
      for (const route of GUARDED) {
        const res = await hit(port, 'acme.localhost', route.path)
        expect(res.status).toBe(401)
        expect(res.json().data.code).toBe('UNAUTHENTICATED')
      }
    })
  })
})

describe.each(serversPerDriver())('brute-force limits on $name', ({ port }) => {
  const login = (email: string, password: string) => hit(port, 'initech.localhost', '/api/auth/login', { method: 'POST', body: { email, password } })

  it('a success resets an account\'s failures', async () => {
    for (let i = 0; i < 3; i++) expect((await login('member@initech.test', 'wrong-password-1')).status).toBe(401)
    expect((await login('member@initech.test', DEMO_PASSWORD)).status).toBe(200)
    for (let i = 0; i < 3; i++) expect((await login('member@initech.test', 'wrong-password-1')).status).toBe(401)
    expect((await login('member@initech.test', DEMO_PASSWORD)).status).toBe(200)
  })

  it('blocks an account after five failures with 429 and Retry-After, even for the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await login('support@initech.test', 'wrong-password-2')).status).toBe(401)
    const blocked = await login('support@initech.test', DEMO_PASSWORD)
    expect(blocked.status).toBe(429)
    expect(blocked.json().data.code).toBe('RATE_LIMITED')
    const retryAfter = Number(blocked.headers['retry-after'])
    expect(retryAfter).toBeGreaterThan(60)
    expect(retryAfter).toBeLessThanOrEqual(15 * 60)
    // other accounts are not affected
    expect((await login('viewer@initech.test', DEMO_PASSWORD)).status).toBe(200)
  })
})

describe.each(serversPerDriver())('cross-origin writes on $name', ({ port }) => {
  it('refuses a state-changing request a browser sent from another origin, even a sibling tenant', async () => {
    const cookie = await signIn(port, 'acme.localhost', 'admin@acme.test')
    for (const origin of ['http://globex.localhost:3000', 'https://evil.example']) {
      const res = await hit(port, 'acme.localhost', '/api/auth/logout-all', { method: 'POST', headers: { cookie, origin } })
      expect(res.status).toBe(403)
    }
    expect((await hit(port, 'acme.localhost', '/api/auth/session', { headers: { cookie } })).status).toBe(200)
    const same = await hit(port, 'acme.localhost', '/api/auth/logout', { method: 'POST', headers: { cookie, origin: 'http://acme.localhost:3000' } })
    expect(same.status).toBe(200)
  })
})

describe.each(serversPerDriver())('the tenant\'s session policy on $name', ({ port }) => {
  const host = 'globex.localhost'
  const api = (cookie: string, method: string, body?: unknown) => hit(port, host, '/api/settings/security', { method, body, headers: { cookie } })

  it('admins set how long sessions last, within bounds; new sessions follow it', async () => {
    const admin = await signIn(port, host, 'admin@globex.test')
    expect((await api(admin, 'GET')).json()).toMatchObject({ sessionIdleMinutes: 720, sessionMaxHours: 168 })
    expect((await api(admin, 'PATCH', { sessionIdleMinutes: 3, sessionMaxHours: 2 })).json().data.issues[0].path).toBe('sessionIdleMinutes')
    expect((await api(admin, 'PATCH', { sessionIdleMinutes: 600, sessionMaxHours: 2 })).status).toBe(400)
    expect((await api(admin, 'PATCH', { sessionIdleMinutes: 60, sessionMaxHours: 99999 })).status).toBe(400)
    try {
      expect((await api(admin, 'PATCH', { sessionIdleMinutes: 60, sessionMaxHours: 2 })).status).toBe(200)
      const res = await hit(port, host, '/api/auth/login', { method: 'POST', body: { email: 'viewer@globex.test', password: DEMO_PASSWORD } })
      expect(String(res.headers['set-cookie']?.[0])).toMatch(/Max-Age=7200;/)
      const member = await signIn(port, host, 'member@globex.test')
      expect((await api(member, 'PATCH', { sessionIdleMinutes: 60, sessionMaxHours: 2 })).status).toBe(403)
    }
    finally {
      await api(admin, 'PATCH', { sessionIdleMinutes: 720, sessionMaxHours: 168 })
    }
  })
})

// Timeouts need time to pass: the test ages the session row in PostgreSQL and drops the cached
// principal from the shared Redis, as if the cache entry had lapsed, then asks again.
describe('session timeouts on postgres', () => {
  const server = serversPerDriver().find(s => s.driver === 'postgres')!
  const host = 'acme.localhost'
  const owner = ownerAccess()

  async function age(cookie: string, set: 'idle' | 'expired') {
    const token = cookie.slice('session='.length)
    const hash = createHash('sha256').update(token).digest('base64url')
    if (set === 'idle') await owner.sql()`update sessions set last_seen_at = now() - interval '13 hours' where token_hash = ${hash}`
    else await owner.sql()`update sessions set expires_at = now() - interval '1 minute' where token_hash = ${hash}`
    await owner.forgetCached(`session:${hash}`)
  }

  it('a session idle longer than the tenant allows (12 hours on acme) is refused', async () => {
    const cookie = await signIn(server.port, host, 'member@acme.test')
    expect((await hit(server.port, host, '/api/auth/session', { headers: { cookie } })).status).toBe(200)
    await age(cookie, 'idle')
    expect((await hit(server.port, host, '/api/auth/session', { headers: { cookie } })).status).toBe(401)
  })

  it('a session past its total length is refused however active it was', async () => {
    const cookie = await signIn(server.port, host, 'member@acme.test')
    expect((await hit(server.port, host, '/api/auth/session', { headers: { cookie } })).status).toBe(200)
    await age(cookie, 'expired')
    expect((await hit(server.port, host, '/api/auth/session', { headers: { cookie } })).status).toBe(401)
  })
})
