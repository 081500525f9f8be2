import { describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, hit, servers, serversPerDriver, signIn } from '../support/http'
import { superAdminSession } from '../support/super-admin'
import { totpCode } from '../support/totp'

const SUPER = 'super@atrium.test'
const PLATFORM = 'localhost'

describe.each(serversPerDriver())('platform super admins on $name', ({ port }) => {
  // The session enrolled in the first test, shared by the tests that only read.
  let superCookie: string

  it('sign in on the platform domain, must set up two-factor before anything else, then see the console', async () => {
    const res = await hit(port, PLATFORM, '/api/auth/login', { method: 'POST', body: { email: SUPER, password: DEMO_PASSWORD } })
    expect(res.status).toBe(200)
    const setCookie = String(res.headers['set-cookie']?.[0])
    expect(setCookie).toMatch(/^session=[\w-]{40,};/)
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).not.toMatch(/Domain=/i)
    const cookie = setCookie.split(';')[0]!
    const me = await hit(port, PLATFORM, '/api/auth/session', { headers: { cookie } })
    expect(me.status).toBe(200)
    expect(me.json()).toMatchObject({ email: SUPER, role: { key: 'super_admin' }, permissions: [], mfaEnrolmentRequired: true })

    // Until two-factor is on: no platform API, and every console page leads to its set-up.
    const blocked = await hit(port, PLATFORM, '/api/platform/tenants', { headers: { cookie } })
    expect(blocked.status).toBe(403)
    expect(blocked.json().data.code).toBe('MFA_ENROLMENT_REQUIRED')
    const page = await hit(port, PLATFORM, '/admin', { headers: { cookie } })
    expect(page.status).toBe(302)
    expect(page.headers.location).toBe('/admin/two-factor')

    const { secret } = (await hit(port, PLATFORM, '/api/platform/account/mfa/setup', { method: 'POST', headers: { cookie } })).json()
    expect((await hit(port, PLATFORM, '/api/platform/account/mfa/enable', { method: 'POST', body: { code: '000000' }, headers: { cookie } })).status).toBe(400)
    const enrolmentCode = totpCode(secret)
    expect((await hit(port, PLATFORM, '/api/platform/account/mfa/enable', { method: 'POST', body: { code: enrolmentCode }, headers: { cookie } })).status).toBe(200)
    expect((await hit(port, PLATFORM, '/api/platform/tenants', { headers: { cookie } })).status).toBe(200)
    superCookie = cookie

    // From now on the password alone is not enough: a challenge, then the code (the next one:
    // the current code was spent enrolling, and a code is never accepted twice).
    const second = (await hit(port, PLATFORM, '/api/auth/login', { method: 'POST', body: { email: SUPER, password: DEMO_PASSWORD } })).json()
    expect(second).toMatchObject({ mfaRequired: true })
    const replay = await hit(port, PLATFORM, '/api/auth/login-mfa', { method: 'POST', body: { challenge: second.challenge, code: enrolmentCode } })
    expect(replay.status).toBe(401)
    const ok = await hit(port, PLATFORM, '/api/auth/login-mfa', { method: 'POST', body: { challenge: second.challenge, code: totpCode(secret, 30_000) } })
    expect(ok.status).toBe(200)
    const fresh = String(ok.headers['set-cookie']?.[0]).split(';')[0]!
    // Signing out ends that session on the next request; the other one lives on.
    expect((await hit(port, PLATFORM, '/api/auth/logout', { method: 'POST', headers: { cookie: fresh } })).status).toBe(200)
    expect((await hit(port, PLATFORM, '/api/platform/tenants', { headers: { cookie: fresh } })).status).toBe(401)
    expect((await hit(port, PLATFORM, '/api/platform/tenants', { headers: { cookie: superCookie } })).status).toBe(200)
  })

  it('cannot sign in on a tenant host, and a tenant admin cannot sign in on the platform domain', async () => {
    const onTenant = await hit(port, 'acme.localhost', '/api/auth/login', { method: 'POST', body: { email: SUPER, password: DEMO_PASSWORD } })
    expect(onTenant.status).toBe(401)
    expect(onTenant.json().data.code).toBe('INVALID_CREDENTIALS')
    const tenantAdmin = await hit(port, PLATFORM, '/api/auth/login', { method: 'POST', body: { email: 'admin@acme.test', password: DEMO_PASSWORD } })
    expect(tenantAdmin.status).toBe(401)
    // The same answer as a wrong password: nothing tells which accounts exist.
    const wrong = await hit(port, PLATFORM, '/api/auth/login', { method: 'POST', body: { email: SUPER, password: 'not-the-password' } })
    expect(wrong.status).toBe(401)
    expect(wrong.json()).toEqual(tenantAdmin.json())
  })

  it('a super admin session carried to a tenant host is worth nothing there', async () => {
    const cookie = superCookie
    expect((await hit(port, 'acme.localhost', '/api/auth/session', { headers: { cookie } })).status).toBe(401)
    expect((await hit(port, 'acme.localhost', '/api/overview', { headers: { cookie } })).status).toBe(401)
    expect((await hit(port, 'acme.localhost', '/api/members', { headers: { cookie } })).status).toBe(401)
    const page = await hit(port, 'acme.localhost', '/', { headers: { cookie } })
    expect(page.status).toBe(302)
    expect(page.headers.location).toMatch(/^\/login/)
  })

  it('a tenant session carried to the platform domain reaches no platform route', async () => {
    const cookie = await signIn(port, 'acme.localhost', 'admin@acme.test')
    expect((await hit(port, PLATFORM, '/api/auth/session', { headers: { cookie } })).status).toBe(401)
    expect((await hit(port, PLATFORM, '/api/platform/tenants', { headers: { cookie } })).status).toBe(401)
    const page = await hit(port, PLATFORM, '/admin', { headers: { cookie } })
    expect(page.status).toBe(302)
    expect(page.headers.location).toBe('/admin/login')
  })

  it('lists tenants for a super admin, with search, status filter and pages; bad queries are 400', async () => {
    const cookie = superCookie
    // One page of all of them (more tenants are seeded, and made by other files, than the default 25).
    const all = await hit(port, PLATFORM, '/api/platform/tenants?pageSize=100', { headers: { cookie } })
    expect(all.status).toBe(200)
    const slugs = all.json().items.map((t: { slug: string }) => t.slug)
    expect(slugs).toEqual(expect.arrayContaining(['acme', 'globex', 'initech', 'umbrella']))
    const initech = all.json().items.find((t: { slug: string }) => t.slug === 'initech')
    expect(initech).toMatchObject({ status: 'active', plan: { key: 'enterprise' }, primaryHost: 'dash.initech.test' })

    const suspended = await hit(port, PLATFORM, '/api/platform/tenants?status=suspended', { headers: { cookie } })
    expect(suspended.json().items.map((t: { slug: string }) => t.slug)).toContain('umbrella')
    expect(suspended.json().items.every((t: { status: string }) => t.status === 'suspended')).toBe(true)

    const searched = await hit(port, PLATFORM, '/api/platform/tenants?search=glob', { headers: { cookie } })
    expect(searched.json().items.map((t: { slug: string }) => t.slug)).toEqual(['globex'])
    // LIKE wildcards in the search are taken literally.
    expect((await hit(port, PLATFORM, '/api/platform/tenants?search=%25', { headers: { cookie } })).json().total).toBe(0)

    const paged = await hit(port, PLATFORM, '/api/platform/tenants?pageSize=2&page=2', { headers: { cookie } })
    expect(paged.json()).toMatchObject({ page: 2, pageSize: 2, total: all.json().total })
    expect(paged.json().items).toHaveLength(2)

    for (const bad of ['?status=archived', '?pageSize=1000', '?page=0', '?sort=revenue', '?owner=me']) {
      const res = await hit(port, PLATFORM, `/api/platform/tenants${bad}`, { headers: { cookie } })
      expect(res.status, bad).toBe(400)
      expect(res.json().data.code).toBe('VALIDATION_FAILED')
    }
  })

  it('the /admin pages: sign-in page public, console behind sign-in, neither exists on a tenant host', async () => {
    const login = await hit(port, PLATFORM, '/admin/login')
    expect(login.status).toBe(200)
    expect(login.body).toContain('data-testid="login-form"')
    const anonymous = await hit(port, PLATFORM, '/admin')
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.location).toBe('/admin/login')

    const cookie = superCookie
    const console_ = await hit(port, PLATFORM, '/admin/tenants', { headers: { cookie } })
    expect(console_.status).toBe(200)
    expect(console_.body).toContain('data-testid="tenants-table"')
    expect(console_.body).toContain('Initech')

    expect((await hit(port, 'acme.localhost', '/admin', { headers: { cookie } })).status).toBe(404)
    expect((await hit(port, 'acme.localhost', '/admin/login')).status).toBe(404)
  })
})

describe('platform super admin sessions across instances', () => {
  it('a sign-out on one instance is honoured by another at once (shared database and Redis)', async () => {
    const a = servers().find(s => s.name === 'postgres')!
    const b = servers().find(s => s.name === 'postgres-b')!
    // Its own super admin: this one enrols here, so no code is shared with the tests above.
    const cookie = await superAdminSession(a.port, a.database, 'super2@atrium.test')
    // B caches the principal first, so only a shared invalidation can stop it.
    expect((await hit(b.port, PLATFORM, '/api/platform/tenants', { headers: { cookie } })).status).toBe(200)
    expect((await hit(a.port, PLATFORM, '/api/auth/logout', { method: 'POST', headers: { cookie } })).status).toBe(200)
    expect((await hit(b.port, PLATFORM, '/api/platform/tenants', { headers: { cookie } })).status).toBe(401)
  })
})
