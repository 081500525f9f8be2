import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { hit, platformApi, serversPerDriver, signIn } from '../support/http'

describe.each(serversPerDriver())('feature flags on $name', ({ port }) => {
  const as = (cookie: string) => ({ headers: { cookie } })
  let acme: string
  let globex: string
  beforeAll(async () => {
    acme = await signIn(port, 'acme.localhost', 'admin@acme.test')
    globex = await signIn(port, 'globex.localhost', 'admin@globex.test')
  })
  afterEach(async () => {
    await platformApi(port, 'PUT', '/tenants/globex/features/analytics', { enabled: null })
    await platformApi(port, 'PUT', '/features/analytics/kill-switch', { disabled: false })
  })

  it('a module off in one plan answers 404 there and works on another tenant', async () => {
    const globexApi = await hit(port, 'globex.localhost', '/api/analytics/usage', as(globex))
    expect(globexApi.status).toBe(404)
    expect(globexApi.json().data.code).toBe('FEATURE_DISABLED')
    expect((await hit(port, 'globex.localhost', '/analytics', as(globex))).status).toBe(404)

    const acmeApi = await hit(port, 'acme.localhost', '/api/analytics/usage?metric=active_users&days=7', as(acme))
    expect(acmeApi.status).toBe(200)
    expect(acmeApi.json().points).toHaveLength(7)
    const acmePage = await hit(port, 'acme.localhost', '/analytics', as(acme))
    expect(acmePage.status).toBe(200)
    expect(acmePage.body).toContain('Daily values')
  })

  it('hides a disabled module from the navigation', async () => {
    expect((await hit(port, 'acme.localhost', '/', as(acme))).body).toContain('href="/analytics"')
    expect((await hit(port, 'globex.localhost', '/', as(globex))).body).not.toContain('href="/analytics"')
  })

  it('a tenant override turns on a feature its plan lacks, on the next request', async () => {
    expect((await platformApi(port, 'PUT', '/tenants/globex/features/analytics', { enabled: true })).status).toBe(200)
    expect((await hit(port, 'globex.localhost', '/api/analytics/usage', as(globex))).status).toBe(200)
    expect((await hit(port, 'globex.localhost', '/', as(globex))).body).toContain('href="/analytics"')
  })

  it('the platform kill switch wins over plan and override', async () => {
    await platformApi(port, 'PUT', '/tenants/globex/features/analytics', { enabled: true })
    expect((await platformApi(port, 'PUT', '/features/analytics/kill-switch', { disabled: true, reason: 'incident' })).status).toBe(200)
    expect((await hit(port, 'acme.localhost', '/api/analytics/usage', as(acme))).status).toBe(404)
    expect((await hit(port, 'globex.localhost', '/api/analytics/usage', as(globex))).status).toBe(404)
    await platformApi(port, 'PUT', '/features/analytics/kill-switch', { disabled: false })
    expect((await hit(port, 'acme.localhost', '/api/analytics/usage', as(acme))).status).toBe(200)
  })

  it('exposes the effective flags in the public profile', async () => {
    const acmeSite = (await hit(port, 'acme.localhost', '/api/site')).json()
    const initech = (await hit(port, 'dash.initech.test', '/api/site')).json()
    expect(acmeSite.tenant.features.analytics).toBe(true)
    expect(initech.tenant.features.tickets).toBe(false) // enterprise plan, turned off by override
    expect(initech.tenant.features.remove_branding).toBe(true)
  })
})
