import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hit } from '../support/http'
import { DEMO_PASSWORD, hit, serversPerDriver, signIn } from '../support/http'
import { startTestIdp } from '../support/oidc-idp'
import type { TestIdp } from '../support/oidc-idp'
import { ownerUrl } from '../support/owner'

// Single sign-on end to end against a real OpenID provider (oidc-provider) on 127.0.0.1. Pied
// Piper is a test-only tenant, so requiring SSO there disturbs no other test.
const HOST = 'piedpiper.localhost'
const CALLBACK = `http://${HOST}/api/auth/sso/callback`
let idp: TestIdp

beforeAll(async () => {
  idp = await startTestIdp([CALLBACK])
})
afterAll(async () => idp?.close())

const cookieOf = (res: Hit, name: string) => [res.headers['set-cookie'] ?? []].flat().map(c => c.split(';')[0]!).find(c => c.startsWith(`${name}=`))

/** The browser's part at the IdP: follow its redirects (keeping its cookies) until it sends us back. */
async function throughIdp(authorizeUrl: string): Promise<URL> {
  const jar = new Map<string, string>()
  let next = authorizeUrl
  for (let i = 0; i < 10; i++) {
    if (next.startsWith(CALLBACK)) return new URL(next)
    const res = await fetch(next, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } })
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const at = pair!.indexOf('=')
      jar.set(pair!.slice(0, at), pair!.slice(at + 1))
    }
    const location = res.headers.get('location')
    if (!location) throw new Error(`the IdP stopped at ${next} with ${res.status}`)
    next = new URL(location, next).href
  }
  throw new Error('too many redirects at the IdP')
}

describe.each(serversPerDriver())('single sign-on (OIDC) on $name', ({ port }) => {
  let admin: string
  let adminId: string
  const settings = (method: string, body?: unknown) => hit(port, HOST, '/api/settings/sso', { method, body, headers: { cookie: admin } })
  const config = (over: Record<string, unknown> = {}) => ({
    issuer: idp.issuer, clientId: idp.clients[0]!.id, clientSecret: idp.clients[0]!.secret, enabled: true,
    defaultRoleKey: 'viewer', allowedDomains: ['piedpiper.test'], requireSso: false, breakGlassUserId: null, ...over,
  })
  const audit = async (action: string) => (await hit(port, HOST, `/api/audit?action=${action}`, { headers: { cookie: admin } })).json().items as { after: Record<string, unknown> }[]

  /** A whole SSO sign-in as `who`; `tamper` may change the callback URL before it reaches us. */
  async function ssoSignIn(who: TestIdp['nextLogin'], tamper?: (u: URL) => void) {
    idp.nextLogin = who
    const start = await hit(port, HOST, '/api/auth/sso/start?redirect=/settings')
    expect(start.status).toBe(302)
    const flow = cookieOf(start, 'sso_flow')!
    expect(flow).toBeTruthy()
    const back = await throughIdp(String(start.headers.location))
    tamper?.(back)
    return hit(port, HOST, `${back.pathname}${back.search}`, { headers: { cookie: flow } })
  }

  beforeAll(async () => {
    admin = await signIn(port, HOST, 'admin@piedpiper.test')
    adminId = (await hit(port, HOST, '/api/auth/session', { headers: { cookie: admin } })).json().id
    const saved = await settings('PUT', config())
    expect(saved.status, saved.body).toBe(200)
  })

  it('an admin sets it up: the secret is never sent back, the callback is on the workspace\'s own host', async () => {
    const res = await settings('GET')
    expect(res.json()).toMatchObject({ configured: true, hasSecret: true, enabled: true, issuer: idp.issuer, callbackUrl: CALLBACK })
    expect(res.body).not.toContain(idp.clients[0]!.secret)
    expect((await hit(port, HOST, '/api/site')).json().tenant.signIn).toEqual({ sso: true, ssoRequired: false })
    // Updating without a secret keeps the stored one.
    const { clientSecret: _omit, ...noSecret } = config({ defaultRoleKey: 'viewer' })
    expect((await settings('PUT', noSecret)).status).toBe(200)
    const changes = await audit('sso.config_updated')
    expect(changes[0]!.after).toMatchObject({ secretChanged: false })
    expect(JSON.stringify(changes)).not.toContain(idp.clients[0]!.secret)
  })

  it('"test connection" reports a working issuer, and explains a broken one in plain words', async () => {
    const test = (issuer: string) => hit(port, HOST, '/api/settings/sso/test', { method: 'POST', body: { issuer }, headers: { cookie: admin } })
    expect((await test(idp.issuer)).json()).toMatchObject({ ok: true, issuer: idp.issuer })
    expect((await test('http://127.0.0.1:59999')).json()).toEqual({ ok: false, problem: expect.stringMatching(/Nothing answered/) })
    expect((await test('https://no-such-idp.invalid')).json()).toEqual({ ok: false, problem: expect.stringMatching(/could not be found/) })
    expect((await test('http://idp.example.com')).status).toBe(400) // plain http only on loopback
  })

  it('the first sign-in creates the account with the default role; the second reuses it', async () => {
    const who = { sub: `gilfoyle-${port}`, email: `gilfoyle-${port}@piedpiper.test`, name: 'Bertram Gilfoyle' }
    const first = await ssoSignIn(who)
    expect(first.status, first.body).toBe(302)
    expect(first.headers.location).toBe('/settings')
    const cookie = cookieOf(first, 'session')!
    const me = (await hit(port, HOST, '/api/auth/session', { headers: { cookie } })).json()
    expect(me).toMatchObject({ email: who.email, name: 'Bertram Gilfoyle', role: { key: 'viewer' } })
    expect((await audit('member.joined_by_sso')).length).toBeGreaterThanOrEqual(1)

    const second = await ssoSignIn(who)
    expect(second.status).toBe(302)
    const again = (await hit(port, HOST, '/api/auth/session', { headers: { cookie: cookieOf(second, 'session')! } })).json()
    expect(again.id).toBe(me.id)
    const joined = (await audit('member.joined_by_sso')).filter(e => e.after.email === who.email)
    expect(joined).toHaveLength(1)
  })

  it('an existing member is linked by email and keeps their role', async () => {
    const res = await ssoSignIn({ sub: `member-${port}`, email: 'member@piedpiper.test', name: 'Someone Else' })
    expect(res.status).toBe(302)
    const me = (await hit(port, HOST, '/api/auth/session', { headers: { cookie: cookieOf(res, 'session')! } })).json()
    expect(me).toMatchObject({ email: 'member@piedpiper.test', role: { key: 'member' } })
  })

  it('refuses a tampered state, a missing flow cookie, a token for another audience and a foreign email domain', async () => {
    const who = { sub: `dinesh-${port}`, email: `dinesh-${port}@piedpiper.test`, name: 'Dinesh' }
    const badState = await ssoSignIn(who, u => u.searchParams.set('state', 'forged-state'))
    expect(badState.status).toBe(400)
    expect(badState.headers['content-type']).toMatch(/text\/html/)
    expect(badState.body).toContain('Single sign-on did not work')
    expect(cookieOf(badState, 'session')).toBeUndefined()

    idp.nextLogin = who
    const start = await hit(port, HOST, '/api/auth/sso/start')
    const back = await throughIdp(String(start.headers.location))
    const noCookie = await hit(port, HOST, `${back.pathname}${back.search}`)
    expect(noCookie.status).toBe(400)
    expect(noCookie.body).toContain('another browser')

    idp.rogueAudience = 'other-app'
    try {
      const wrongAudience = await ssoSignIn(who)
      expect(wrongAudience.status).toBe(400)
      expect(cookieOf(wrongAudience, 'session')).toBeUndefined()
    }
    finally {
      idp.rogueAudience = null
    }

    const foreign = await ssoSignIn({ sub: `outsider-${port}`, email: `outsider-${port}@hooli.test`, name: 'Gavin' })
    expect(foreign.status).toBe(400)
    expect(foreign.body).toContain('hooli.test cannot sign in')

    const reasons = (await audit('auth.sso_failed')).map(e => e.after.reason)
    expect(reasons).toEqual(expect.arrayContaining(['state_mismatch', 'flow_missing', 'audience_mismatch', 'domain_not_allowed']))
  })

  it('required SSO blocks password sign-in for everyone but the break-glass admin', async () => {
    expect((await settings('PUT', config({ requireSso: true }))).json().data.issues[0].path).toBe('breakGlassUserId')
    expect((await settings('PUT', config({ requireSso: true, breakGlassUserId: adminId }))).status).toBe(200)
    try {
      expect((await hit(port, HOST, '/api/site')).json().tenant.signIn).toEqual({ sso: true, ssoRequired: true })
      const member = await hit(port, HOST, '/api/auth/login', { method: 'POST', body: { email: 'member@piedpiper.test', password: DEMO_PASSWORD } })
      expect(member.status).toBe(403)
      expect(member.json().data.code).toBe('SSO_REQUIRED')
      // A wrong password still answers like any wrong password: nothing is revealed.
      expect((await hit(port, HOST, '/api/auth/login', { method: 'POST', body: { email: 'member@piedpiper.test', password: 'nope-nope-nope' } })).status).toBe(401)
      expect((await hit(port, HOST, '/api/auth/login', { method: 'POST', body: { email: 'admin@piedpiper.test', password: DEMO_PASSWORD } })).status).toBe(200)
    }
    finally {
      await settings('PUT', config())
    }
  })

  it('refuses bad settings with a 400 naming the field, and members cannot see or change them', async () => {
    for (const [body, path] of [
      [config({ issuer: 'not a url' }), 'issuer'],
      [config({ defaultRoleKey: 'emperor' }), 'defaultRoleKey'],
      [config({ allowedDomains: ['*.example.com'] }), 'allowedDomains.0'],
      [config({ breakGlassUserId: '0190a5c2-7b1e-7000-8000-000000000000' }), 'breakGlassUserId'],
      [{ ...config(), tenantId: 'x' }, '(root)'],
    ] as const) {
      const res = await settings('PUT', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.json().data.issues.map((i: { path: string }) => i.path)).toContain(path)
    }
    const member = await signIn(port, HOST, 'viewer@piedpiper.test')
    expect((await hit(port, HOST, '/api/settings/sso', { headers: { cookie: member } })).status).toBe(403)
  })
})

describe('SSO secrets at rest (PostgreSQL)', () => {
  it('the client secret is stored sealed with the current key, never in clear', async () => {
    const owner = postgres(ownerUrl(), { max: 1, onnotice: () => {} })
    try {
      const [row] = await owner<{ secret: string }[]>`select s.client_secret_enc as secret from sso_connections s join tenants t on t.id = s.tenant_id where t.slug = 'piedpiper'`
      expect(row!.secret).toMatch(/^v1\.k2\./)
      expect(row!.secret).not.toContain(idp.clients[0]!.secret)
    }
    finally {
      await owner.end()
    }
  })
})
