import { parse } from 'devalue'
import { describe, expect, it } from 'vitest'
import { PUBLIC_PROFILE_KEYS } from '../../shared/site'
import { hit, serversPerDriver, signIn } from '../support/http'

const TENANT_NAMES = ['Acme Corporation', 'Globex', 'Initech', 'Umbrella Corporation']
const others = (name: string) => TENANT_NAMES.filter(n => n !== name)

describe.each(serversPerDriver())('host → tenant on $name', ({ port }) => {
  it.each([
    { host: 'acme.localhost:3000', name: 'Acme Corporation', primary: '#ea580c', logo: '/brands/acme/logo.svg' },
    { host: 'globex.localhost', name: 'Globex', primary: '#7c3aed', logo: '/brands/globex/logo.svg' },
    { host: 'dash.initech.test', name: 'Initech', primary: '#0f766e', logo: '/brands/initech/logo.svg' },
    { host: 'initech.localhost', name: 'Initech', primary: '#0f766e', logo: '/brands/initech/logo.svg' },
  ])('$host serves $name in its own brand and names no other tenant', async ({ host, name, primary, logo }) => {
    const res = await hit(port, host, '/login')
    expect(res.status).toBe(200)
    expect(res.body).toMatch(new RegExp(`<title>[^<]*${name}</title>`))
    expect(res.body).toContain(`--color-brand-500:${primary}`)
    expect(res.body).toContain(`src="${logo}"`)
    expect(res.body).toContain(`rel="icon" href="/brands/`)
    for (const other of others(name)) expect(res.body).not.toContain(other)
  })

  it('a tenant whose plan hides branding names the platform nowhere; others only in "powered by"', async () => {
    const initech = await hit(port, 'dash.initech.test', '/login')
    expect(initech.status).toBe(200)
    expect(initech.body).not.toMatch(/atrium/i)
    const acme = await hit(port, 'acme.localhost', '/login')
    const mentions = acme.body.match(/Atrium/g) ?? []
    expect(acme.body).toContain('Powered by Atrium')
    // once in the rendered line, once in the payload's tenant profile
    expect(mentions.length).toBeLessThanOrEqual(2)
    expect(acme.body).not.toContain('href="/favicon.svg"') // the platform's icon
  })

  it('a signed-out page carries only the public profile of its workspace in its payload', async () => {
    // initrode has an IP allowlist (for 127.0.0.0/8) and soylent a primary domain: the fields that must stay on the server.
    for (const host of ['acme.localhost', 'initrode.localhost', 'soylent.localhost']) {
      const res = await hit(port, host, '/login')
      expect(res.status, host).toBe(200)
      const raw = /<script[^>]*id="__NUXT_DATA__"[^>]*>(.*?)<\/script>/s.exec(res.body)?.[1]
      expect(raw, host).toBeTruthy()
      const identity = (value: unknown) => value
      const payload = parse(raw!, { Reactive: identity, ShallowReactive: identity, Ref: identity, ShallowRef: identity, EmptyRef: identity, EmptyShallowRef: identity, NuxtError: identity, Island: identity }) as { pinia?: { site?: { site?: { tenant?: Record<string, unknown> } } } }
      const tenant = payload.pinia?.site?.site?.tenant
      expect(tenant, host).toBeTruthy()
      expect(Object.keys(tenant!).sort()).toEqual([...PUBLIC_PROFILE_KEYS].sort())
      for (const secret of ['ipAllowlist', 'requireMfa', 'primaryHost', 'redirectToPrimary', 'apiRequestsPerMinute', 'apiCallsPerDay']) expect(raw, `${host}: ${secret}`).not.toContain(secret)
    }
  })

  it('the platform domain serves the platform landing page', async () => {
    const res = await hit(port, 'localhost:3000', '/')
    expect(res.status).toBe(200)
    expect(res.body).toContain('White-label dashboards')
    expect(res.body).toMatch(/<title>[^<]*Atrium<\/title>/)
    for (const name of TENANT_NAMES) expect(res.body).not.toContain(name)
  })

  it('a suspended tenant gets a branded 403 page and its API answers 403', async () => {
    const page = await hit(port, 'umbrella.localhost', '/')
    expect(page.status).toBe(403)
    expect(page.body).toContain('Umbrella Corporation is currently unavailable')
    expect(page.body).toContain('/brands/umbrella/logo.svg')
    for (const other of others('Umbrella Corporation')) expect(page.body).not.toContain(other)

    const api = await hit(port, 'umbrella.localhost', '/api/overview')
    expect(api.status).toBe(403)
    expect(api.json().data.code).toBe('WORKSPACE_SUSPENDED')
  })

  it.each([
    'nobody.localhost', // a platform subdomain nobody owns
    'deep.acme.localhost', // below a tenant's subdomain
    'dash.unknown.example', // a custom domain nobody claimed
    '127.0.0.1:3000', // an IP literal
    'xn--bcher-kva.localhost', // a valid IDN label nobody owns
  ])('unknown host %s answers the 404 page and a JSON 404, naming no tenant', async (host) => {
    const page = await hit(port, host, '/')
    expect(page.status).toBe(404)
    expect(page.headers['content-type']).toMatch(/text\/html/)
    expect(page.body).toContain('There is no workspace at this address')
    for (const name of TENANT_NAMES) expect(page.body).not.toContain(name)

    const api = await hit(port, host, '/api/overview')
    expect(api.status).toBe(404)
    expect(api.json()).toMatchObject({ statusCode: 404, data: { code: 'WORKSPACE_NOT_FOUND' } })
  })

  it.each([
    ['empty', ''],
    ['over 253 characters', `${'a'.repeat(60)}.`.repeat(5) + 'localhost'],
    ['invalid characters', 'acme_corp!.localhost'],
    ['markup', 'red;}</style><script>.localhost'],
    ['a bad port', 'acme.localhost:99999'],
    ['a non-numeric port', 'acme.localhost:http'],
  ])('a Host header with %s is a 400, never a 500 or a tenant', async (_label, host) => {
    const page = await hit(port, host, '/')
    expect(page.status).toBe(400)
    for (const name of TENANT_NAMES) expect(page.body).not.toContain(name)
    const api = await hit(port, host, '/api/overview')
    expect(api.status).toBe(400)
    expect(api.json().data.code).toBe('INVALID_HOST')
  })

  it('normalises case, port and a trailing dot before lookup', async () => {
    for (const host of ['ACME.LocalHost', 'acme.localhost.', 'acme.localhost.:8080']) {
      const res = await hit(port, host, '/api/site')
      expect(res.status).toBe(200)
      expect(res.json().tenant.slug).toBe('acme')
    }
  })

  it('ignores X-Forwarded-Host unless the proxy is trusted', async () => {
    const res = await hit(port, 'globex.localhost', '/api/site', { headers: { 'x-forwarded-host': 'acme.localhost' } })
    expect(res.json().tenant.slug).toBe('globex')
  })

  it('a workspace page needs a signed-in user: anonymous visitors go to its login page', async () => {
    const res = await hit(port, 'acme.localhost', '/')
    expect(res.status).toBe(302)
    expect(res.headers.location).toBe('/login')
    expect((await hit(port, 'acme.localhost', '/analytics')).headers.location).toBe('/login?redirect=/analytics')
  })

  it('tenant data comes only from the host: the home API returns this tenant\'s figures', async () => {
    const acme = (await hit(port, 'acme.localhost', '/api/overview', { headers: { cookie: await signIn(port, 'acme.localhost', 'viewer@acme.test') } })).json()
    const globex = (await hit(port, 'globex.localhost', '/api/overview', { headers: { cookie: await signIn(port, 'globex.localhost', 'viewer@globex.test') } })).json()
    expect(acme.series).toHaveLength(30)
    expect(acme.kpis.find((k: { metric: string }) => k.metric === 'api_calls').value)
      .not.toBe(globex.kpis.find((k: { metric: string }) => k.metric === 'api_calls').value)
  })

  it('answers every error in the one contract, without a stack', async () => {
    const cookie = await signIn(port, 'acme.localhost', 'admin@acme.test')
    const res = await hit(port, 'acme.localhost', '/api/analytics/usage?metric=nope', { headers: { cookie } })
    expect(res.status).toBe(400)
    const body = res.json()
    expect(body).toMatchObject({ statusCode: 400, data: { code: 'VALIDATION_FAILED', issues: [{ path: 'metric' }] } })
    expect(body.message).toMatch(/metric/)
    expect(body.stack).toBeUndefined()
  })

  it('the liveness check answers on any host, without a tenant', async () => {
    const res = await hit(port, 'whatever.invalid', '/api/health')
    expect(res.status).toBe(200)
    expect(res.json()).toEqual({ status: 'ok' })
  })
})
