import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, pageWithProblems } from '../support/browser'
import { servers, signIn } from '../support/http'

// The pages for integrators, in Chromium. The API reference at /developers (pages/developers.vue):
// Scalar's viewer from our own origin renders the workspace's OpenAPI document under the app's CSP.
// GraphiQL at /api/graphql for a workspace admin, under the page's own CSP (server/graphql/yoga.ts):
// everything comes from the answer itself (no CDN), the editor starts, and a query run from it
// answers with the workspace's data.
const server = servers().find(s => s.name === 'pglite')!
const HOST = 'acme.localhost'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => browser?.close())

/** Records CSP violations the page reports, from its first script on. */
const watchCsp = () => {
  const seen: string[] = []
  ;(window as unknown as { __cspViolations: string[] }).__cspViolations = seen
  document.addEventListener('securitypolicyviolation', e => seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`))
}

describe('API reference in Chromium', () => {
  it.each([[1440, 900], [390, 844]])('renders the workspace\'s document in its brand at %i px, from our origin only', async (width, height) => {
    const { page, problems, close } = await pageWithProblems(browser, { viewport: { width, height } })
    try {
      await page.addInitScript(watchCsp)
      const requested: string[] = []
      page.on('request', r => requested.push(r.url()))
      const res = await page.goto(`http://globex.localhost:${server.port}/developers`, { waitUntil: 'load' })
      expect(res!.status()).toBe(200)
      await expect.poll(() => page.locator('[data-testid="api-reference"]').innerText(), { timeout: 20_000 }).toContain('Globex API')
      // The server is this host's own; the operations are there.
      const reference = page.locator('[data-testid="api-reference"]')
      expect(await reference.innerText()).toContain(`http://globex.localhost:${server.port}/api/v1`)
      if (width > 800) await expect.poll(() => reference.innerText()).toContain('List accounts')
      expect(await page.locator('[data-testid="developers-header"]').innerText()).toContain('Globex')
      // The one refusal expected: the viewer's bundled zod probes once whether `new Function` may run
      // (try/catch; refused, it parses without). Anything else it tried would show here.
      const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)
      expect(violations.filter(v => v !== 'script-src blocked eval')).toEqual([])
      expect(problems).toEqual([])
      expect(requested.filter(u => !u.startsWith(`http://globex.localhost:${server.port}/`) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([])
    }
    finally {
      await close()
    }
  })
})

describe('GraphiQL in Chromium', () => {
  it('loads under its CSP with no violation and nothing from another origin, and runs a query', async () => {
    const cookie = await signIn(server.port, HOST, 'admin@acme.test')
    const [name, value] = cookie.split('=') as [string, string]
    const { page, problems, close } = await pageWithProblems(browser)
    try {
      await page.context().addCookies([{ name, value, domain: HOST, path: '/' }])
      await page.addInitScript(watchCsp)
      const requested: string[] = []
      page.on('request', r => requested.push(r.url()))

      const res = await page.goto(`http://${HOST}:${server.port}/api/graphql`, { waitUntil: 'load' })
      expect(res!.status()).toBe(200)
      expect(res!.headers()['content-security-policy']).toMatch(/script-src 'nonce-/)
      // The editor is up: its run button is there.
      const run = page.locator('.graphiql-execute-button')
      await run.waitFor({ timeout: 20_000 })
      await run.click()
      // The default query asks for the viewer: its answer shows in the result pane.
      await expect.poll(() => page.locator('.graphiql-response').innerText(), { timeout: 15_000 }).toMatch(/"kind":\s+"user"/)

      const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)
      expect(violations).toEqual([])
      expect(problems).toEqual([])
      expect(requested.filter(u => !u.startsWith(`http://${HOST}:${server.port}/`) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([])
    }
    finally {
      await close()
    }
  })
})
