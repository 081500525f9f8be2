import Redis from 'ioredis'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Hit } from '../support/http'
import { hit, platformApi, servers, serversPerDriver, signIn } from '../support/http'
import { TEST_REDIS_URL } from '../support/env'
import { ownerAccess } from '../support/owner'

// Security headers on every kind of answer, the CSP nonce on every inline tag of a page, HSTS only
// over TLS, and a tenant theme that can put nothing but its variables into a page
// (server/utils/security-headers.ts, shared/theme.ts). Cyberdyne's theme is changed and put back.
const TENANT = 'acme.localhost'
const THEMED = 'cyberdyne'
const THEMED_HOST = `${THEMED}.localhost`

/** The nonce of the answer's CSP, or undefined. */
function headerNonce(res: Hit): string | undefined {
  return /'nonce-([^']+)'/.exec(String(res.headers['content-security-policy'] ?? ''))?.[1]
}

/** Every `<script …>` and `<style …>` opening tag of an HTML body. */
const inlineTags = (html: string) => [...html.matchAll(/<(script|style)\b[^>]*>/gi)].map(m => m[0])

/** The text of the tenant's theme `<style>`. */
const themeStyle = (html: string) => /<style[^>]*id="tenant-theme"[^>]*>([^<]*)<\/style>/.exec(html)?.[1]

/** The headers every answer carries, whatever its kind. */
function expectCommonHeaders(res: Hit) {
  expect(res.headers['x-content-type-options']).toBe('nosniff')
  expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
  expect(res.headers['x-frame-options']).toBe('DENY')
  expect(res.headers['cross-origin-opener-policy']).toBe('same-origin')
  const permissions = String(res.headers['permissions-policy'])
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) expect(permissions).toContain(`${feature}=()`)
  expect(String(res.headers['content-security-policy'])).toContain('frame-ancestors \'none\'')
  expect(res.headers['x-powered-by']).toBeUndefined()
}

/** An HTML page: the page policy, and every inline script and style carrying the header's nonce. */
function expectNoncedPage(res: Hit): string {
  expectCommonHeaders(res)
  const csp = String(res.headers['content-security-policy'])
  const nonce = headerNonce(res)!
  expect(nonce).toMatch(/^[\w+/]{22}==$/)
  expect(csp).toContain(`script-src 'self' 'nonce-${nonce}'`)
  expect(csp).toContain(`style-src 'self' 'nonce-${nonce}'`)
  for (const directive of ['default-src \'self\'', 'img-src \'self\' data: blob:', 'font-src \'self\' data:', 'connect-src \'self\'', 'object-src \'none\'', 'base-uri \'self\'', 'form-action \'self\'', 'style-src-attr \'unsafe-inline\'']) {
    expect(csp).toContain(directive)
  }
  expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/)
  const tags = inlineTags(res.body)
  expect(tags.length).toBeGreaterThan(0)
  for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`)
  // No inline event handlers either (they could not run under this policy).
  expect(res.body).not.toMatch(/<[^>]+\son[a-z]+=/i)
  return nonce
}

describe.each(serversPerDriver())('security headers on $name', ({ port }) => {
  it('a signed-out tenant sign-in page: every inline script and style carries the nonce of its CSP', async () => {
    const res = await hit(port, TENANT, '/login')
    expect(res.status).toBe(200)
    const nonce = expectNoncedPage(res)
    const n = nonce.replace(/[+/=]/g, c => `\\${c}`) // base64 in a regular expression
    // Nuxt's config script, its JSON payload, the colour-mode script, the theme.
    expect(res.body).toContain(`<script nonce="${nonce}">window.__NUXT__`)
    expect(res.body).toMatch(new RegExp(`<script nonce="${n}" type="application/json"[^>]*id="__NUXT_DATA__"`))
    expect(res.body).toMatch(new RegExp(`<style nonce="${n}"[^>]*id="tenant-theme"`))
  })

  it('the nonce is new on every request', async () => {
    const nonces = new Set<string>()
    for (let i = 0; i < 3; i++) nonces.add(expectNoncedPage(await hit(port, TENANT, '/login')))
    expect(nonces.size).toBe(3)
  })

  it('a signed-in tenant page and the platform\'s super admin sign-in page', async () => {
    const cookie = await signIn(port, TENANT, 'member@acme.test')
    const home = await hit(port, TENANT, '/', { headers: { cookie } })
    expect(home.status).toBe(200)
    expectNoncedPage(home)
    const admin = await hit(port, 'localhost', '/admin/login')
    expect(admin.status).toBe(200)
    expectNoncedPage(admin)
  })

  it('an API answer: a policy under which JSON runs and loads nothing', async () => {
    const res = await hit(port, TENANT, '/api/site')
    expect(res.status).toBe(200)
    expectCommonHeaders(res)
    const csp = String(res.headers['content-security-policy'])
    expect(csp).toMatch(/^default-src 'none'/)
    expect(csp).not.toContain('script-src')
  })

  it('errors: an API 404, an API 400, an unauthenticated 401 and a page 404 carry them all', async () => {
    for (const [path, status, init] of [
      ['/api/no-such-route', 404, {}],
      ['/api/auth/login', 400, { method: 'POST', body: { email: 'not an email' } }],
      ['/api/overview', 401, {}],
    ] as const) {
      const res = await hit(port, TENANT, path, init)
      expect(res.status, path).toBe(status)
      expectCommonHeaders(res)
      expect(String(res.headers['content-security-policy'])).toMatch(/^default-src 'none'/)
    }
    // Nuxt renders its error page in an inner request: the nonce sent is the one its tags carry.
    const page = await hit(port, TENANT, '/no-such-page', { headers: { accept: 'text/html' } })
    expect(page.status).toBe(404)
    expectNoncedPage(page)
  })

  it('the pages answered before the app (unknown host, suspended workspace) nonce their one style', async () => {
    const unknown = await hit(port, `nobody-${port}.localhost`, '/')
    expect(unknown.status).toBe(404)
    expectNoncedPage(unknown)
  })

  it('static files Nitro serves', async () => {
    const res = await hit(port, TENANT, '/favicon.svg')
    expect(res.status).toBe(200)
    expectCommonHeaders(res)
  })

  it('Cross-Origin-Opener-Policy is left out only on plain http to a non-loopback name, where browsers ignore it', async () => {
    const custom = await hit(port, 'dash.initech.test', '/login')
    expect(custom.status).toBe(200)
    expect(custom.headers['cross-origin-opener-policy']).toBeUndefined()
    expectNoncedPage({ ...custom, headers: { ...custom.headers, 'cross-origin-opener-policy': 'same-origin' } })
  })

  it('no HSTS over plain http, even when a client claims https to a server that does not trust its proxy', async () => {
    expect((await hit(port, TENANT, '/login')).headers['strict-transport-security']).toBeUndefined()
    const claimed = await hit(port, TENANT, '/login', { headers: { 'x-forwarded-proto': 'https' } })
    expect(claimed.headers['strict-transport-security']).toBeUndefined()
  })
})

describe('HSTS behind a trusted proxy (NUXT_TRUST_PROXY=true)', () => {
  const { port } = servers().find(s => s.name === 'postgres-proxy')!

  it('is sent when the proxy says the request came over https, on pages, APIs and errors', async () => {
    for (const path of ['/login', '/api/site', '/api/no-such-route']) {
      const res = await hit(port, TENANT, path, { headers: { 'x-forwarded-proto': 'https' } })
      expect(res.headers['strict-transport-security'], path).toBe('max-age=31536000; includeSubDomains')
    }
    const custom = await hit(port, 'dash.initech.test', '/login', { headers: { 'x-forwarded-proto': 'https' } })
    expect(custom.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
    expect(custom.headers['cross-origin-opener-policy']).toBe('same-origin')
    // The proxy's own value is the last one; what the client put before it does not count.
    const appended = await hit(port, TENANT, '/login', { headers: { 'x-forwarded-proto': 'https, http' } })
    expect(appended.headers['strict-transport-security']).toBeUndefined()
  })

  it('is not sent over plain http', async () => {
    expect((await hit(port, TENANT, '/login')).headers['strict-transport-security']).toBeUndefined()
    expect((await hit(port, TENANT, '/login', { headers: { 'x-forwarded-proto': 'http' } })).headers['strict-transport-security']).toBeUndefined()
  })
})

/** The theme's `<style>` holds one `:root{…}` rule of `--name:value` pairs, values free of anything that could end it. */
function expectOnlyVariables(html: string) {
  const css = themeStyle(html)
  expect(css).toBeDefined()
  expect(css).toMatch(/^:root\{(--[\w-]+:[^;{}<>]+)(;--[\w-]+:[^;{}<>]+)*\}$/)
  // Anywhere else in the page, that is, but in the JSON payload (where it is inert data, escaped).
  const markup = html.replace(/(<script[^>]*id="__NUXT_DATA__"[^>]*>)[^<]*<\/script>/, '$1</script>')
  expect(markup).not.toContain('alert(1)')
  expect(markup).not.toMatch(/body\{display:none/)
  return css!
}

const INJECTIONS = {
  primary: '#fff;}</style><script>alert(1)</script>',
  neutral: '#000}body{display:none}',
  radius: '0.5rem;}body{display:none',
  font: 'inter;}</style><script>alert(1)</script>',
}

describe.each(serversPerDriver())('a tenant theme cannot inject CSS or HTML on $name', ({ port }) => {
  it('the platform API refuses every injection attempt, field by field, and the page keeps its theme', async () => {
    const before = themeStyle((await hit(port, THEMED_HOST, '/login')).body)
    for (const [field, value] of Object.entries(INJECTIONS)) {
      const res = await platformApi(port, 'PATCH', `/tenants/${THEMED}/theme`, { [field]: value })
      expect(res.status, field).toBe(400)
      expect(res.json().data.issues.map((i: { path: string }) => i.path), field).toEqual([field])
    }
    expect((await platformApi(port, 'PATCH', `/tenants/${THEMED}/theme`, { customCss: 'body{display:none}' })).status).toBe(400)
    const after = await hit(port, THEMED_HOST, '/login')
    expect(expectOnlyVariables(after.body)).toBe(before)
  })
})

// What the write-time schema never saw: a theme written straight into the database, and a cached
// profile changed in the shared Redis. The page still gets only well-formed variables.
describe('a bad theme that got past the API is dropped when the page is rendered (PostgreSQL, shared Redis)', () => {
  const { port } = serversPerDriver().find(s => s.driver === 'postgres')!
  const owner = ownerAccess()
  let redis: Redis
  let tenantId: string
  const cacheKey = () => `${inject('cachePrefix')}:tenants:tenant:${tenantId}`

  beforeAll(async () => {
    redis = new Redis(TEST_REDIS_URL)
    const [row] = await owner.sql()<{ id: string }[]>`select id from tenants where slug = ${THEMED}`
    tenantId = row!.id
  })
  afterAll(() => redis?.disconnect())

  it('a theme written into the database with CSS in its values', async () => {
    const [row] = await owner.sql()<{ theme: Record<string, never> }[]>`select theme from tenants where id = ${tenantId}`
    const theme = row!.theme
    try {
      await owner.sql()`update tenants set theme = ${owner.sql().json({ ...theme, ...INJECTIONS })} where id = ${tenantId}`
      await owner.forgetCached(`tenant:${tenantId}`)
      const res = await hit(port, THEMED_HOST, '/login')
      expect(res.status).toBe(200)
      expectNoncedPage(res)
      expectOnlyVariables(res.body)
    }
    finally {
      await owner.sql()`update tenants set theme = ${owner.sql().json(theme)} where id = ${tenantId}`
      await owner.forgetCached(`tenant:${tenantId}`)
    }
  })

  it('a cached profile whose palette, radius and font were tampered with', async () => {
    await hit(port, THEMED_HOST, '/api/site') // cache the profile
    const cached = await redis.get(cacheKey())
    expect(cached).toBeTruthy()
    const profile = JSON.parse(cached!)
    const goodBrand = profile.palettes.brand[1]
    profile.palettes.brand[5] = INJECTIONS.primary
    profile.palettes.neutral[0] = INJECTIONS.neutral
    profile.theme.radius = INJECTIONS.radius
    profile.theme.font = INJECTIONS.font
    try {
      await redis.set(cacheKey(), JSON.stringify(profile), 'EX', 60)
      const res = await hit(port, THEMED_HOST, '/login')
      expect(res.status).toBe(200)
      const css = expectOnlyVariables(res.body)
      // The bad values are gone, the good ones stay.
      expect(css).toContain(`--color-brand-100:${goodBrand}`)
      expect(css).not.toContain('--color-brand-500:')
      expect(css).not.toContain('--color-ink-50:')
      expect(css).not.toContain('--ui-radius')
      expect(css).not.toContain('--font-sans')
    }
    finally {
      await owner.forgetCached(`tenant:${tenantId}`)
    }
    expect(themeStyle((await hit(port, THEMED_HOST, '/login')).body)).toContain('--color-brand-500:')
  })
})
