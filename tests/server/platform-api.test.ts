import { domainToASCII } from 'node:url'
import { describe, expect, it } from 'vitest'
import { hit, platformApi, serversPerDriver } from '../support/http'

describe.each(serversPerDriver())('platform operations API on $name', ({ port }) => {
  it('refuses a request with neither a super admin session nor the right token with 401', async () => {
    const none = await hit(port, 'localhost', '/api/platform/tenants/acme/theme', { method: 'PATCH', body: { radius: '0' } })
    expect(none.status).toBe(401)
    expect(none.json().data.code).toBe('UNAUTHENTICATED')
    const wrong = await hit(port, 'localhost', '/api/platform/tenants/acme/theme', { method: 'PATCH', body: { radius: '0' }, headers: { authorization: 'Bearer nope' } })
    expect(wrong.status).toBe(401)
  })

  it('does not exist on a tenant host', async () => {
    const res = await hit(port, 'acme.localhost', '/api/platform/tenants/acme/theme', { method: 'PATCH', body: { radius: '0' }, headers: { authorization: 'Bearer test-platform-token-0123456789' } })
    expect(res.status).toBe(404)
  })

  it('rejects a theme colour carrying CSS or markup with a 400 naming the field, and changes nothing', async () => {
    const res = await platformApi(port, 'PATCH', '/tenants/acme/theme', { primary: 'red;}</style><script>alert(1)</script>' })
    expect(res.status).toBe(400)
    const body = res.json()
    expect(body.data.code).toBe('VALIDATION_FAILED')
    expect(body.data.issues).toEqual([{ path: 'primary', message: expect.stringMatching(/hex colour/) }])
    expect(body.message).toMatch(/primary/)
    const page = await hit(port, 'acme.localhost', '/login')
    expect(page.body).not.toContain('alert(1)')
    expect(page.body).toContain('--color-brand-500:#ea580c')
  })

  it.each([
    [{ font: 'Comic Sans' }, 'font'],
    [{ radius: '9' }, 'radius'],
    [{ logo: 'javascript:alert(1)' }, 'logo'],
    [{ logo: 'https://evil.example/x.svg' }, 'logo'],
    [{ favicon: '/brands/../../etc/passwd.png' }, 'favicon'],
    [{ css: 'body{}' }, '(root)'],
  ])('rejects theme %o naming %s', async (patch, field) => {
    const res = await platformApi(port, 'PATCH', '/tenants/acme/theme', patch)
    expect(res.status).toBe(400)
    expect(res.json().data.issues.map((i: { path: string }) => i.path)).toContain(field)
  })

  it('answers malformed JSON with a 400', async () => {
    const res = await platformApi(port, 'PATCH', '/tenants/acme/theme', '{"primary":')
    expect(res.status).toBe(400)
    expect(res.json().statusCode).toBe(400)
  })

  it('answers an unknown tenant or feature with 404/400', async () => {
    expect((await platformApi(port, 'PATCH', '/tenants/nobody/theme', { radius: '0' })).status).toBe(404)
    expect((await platformApi(port, 'PATCH', '/tenants/NOT_A_SLUG/theme', { radius: '0' })).status).toBe(400)
    const feature = await platformApi(port, 'PUT', '/tenants/acme/features/teleport', { enabled: true })
    expect(feature.status).toBe(400)
    expect(feature.json().data.issues[0].path).toBe('key')
  })

  it('refuses a domain claimed by another tenant, an IP, or one under the platform domain', async () => {
    const taken = await platformApi(port, 'POST', '/tenants/acme/domains', { hostname: 'dash.initech.test' })
    expect(taken.status).toBe(409)
    expect(taken.json().data.code).toBe('CONFLICT')
    expect((await platformApi(port, 'POST', '/tenants/acme/domains', { hostname: '10.0.0.1' })).status).toBe(400)
    expect((await platformApi(port, 'POST', '/tenants/acme/domains', { hostname: 'sneaky.localhost' })).status).toBe(400)
    expect((await platformApi(port, 'POST', '/tenants/acme/domains', { hostname: 'bad host.example' })).status).toBe(400)
  })

  it('normalises an IDN domain, which then answers by its punycode and unicode forms', async () => {
    const added = await platformApi(port, 'POST', '/tenants/acme/domains', { hostname: `Bücher-${port}.Example.`, verified: true })
    expect(added.status).toBe(201)
    const hostname = added.json().hostname
    expect(hostname).toBe(domainToASCII(`bücher-${port}.example`))
    expect(hostname).toMatch(/^xn--[a-z0-9-]+\.example$/)
    try {
      expect((await hit(port, hostname, '/api/site')).json().tenant.slug).toBe('acme')
    }
    finally {
      await platformApi(port, 'DELETE', `/tenants/acme/domains/${hostname}`)
    }
  })
})
