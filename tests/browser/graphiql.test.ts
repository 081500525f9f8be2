import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, pageWithProblems } from '../support/browser'
import { servers, signIn } from '../support/http'

// GraphiQL at /api/graphql for a workspace admin, in Chromium, under the page's own CSP
// (server/graphql/yoga.ts): everything comes from the answer itself (no CDN), the editor starts,
// and a query run from it answers with the workspace's data.
const server = servers().find(s => s.name === 'pglite')!
const HOST = 'acme.localhost'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => browser?.close())

describe('GraphiQL in Chromium', () => {
  it('loads under its CSP with no violation and nothing from another origin, and runs a query', async () => {
    const cookie = await signIn(server.port, HOST, 'admin@acme.test')
    const [name, value] = cookie.split('=') as [string, string]
    const { page, problems, close } = await pageWithProblems(browser)
    try {
      await page.context().addCookies([{ name, value, domain: HOST, path: '/' }])
      await page.addInitScript(() => {
        const seen: string[] = []
        ;(window as unknown as { __cspViolations: string[] }).__cspViolations = seen
        document.addEventListener('securitypolicyviolation', e => seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`))
      })
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
