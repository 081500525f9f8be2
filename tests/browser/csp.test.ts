import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, pageWithProblems } from '../support/browser'
import { servers } from '../support/http'

// The pages under their Content-Security-Policy in Chromium (server/utils/security-headers.ts):
// nothing refused, the app hydrated (clicks work), and styles made in the browser after load
// (icons first drawn in an opened menu) still apply.
const server = servers().find(s => s.name === 'pglite')!
const url = (host: string, path: string) => `http://${host}:${server.port}${path}`

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => browser?.close())

/** Records every CSP violation of the page, from before its first script runs. */
async function watchViolations(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { __cspViolations: string[] }).__cspViolations = seen
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sample}) at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`)
    })
  })
  return () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)
}

/** Whether an icon's CSS (a mask image) applies to the element. */
const iconDrawn = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => {
  const style = getComputedStyle(el)
  return (style.maskImage || style.webkitMaskImage || 'none') !== 'none'
})

describe('pages under their Content-Security-Policy in Chromium', () => {
  it('the sign-in page and a signed-in workspace page: no violation, hydrated, icons made after load drawn', async () => {
    const { page, problems, close } = await pageWithProblems(browser)
    const violations = await watchViolations(page)
    try {
      const res = await page.goto(url('acme.localhost', '/login'), { waitUntil: 'networkidle' })
      expect(res!.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-/)
      // The tenant's theme `<style>` applied (its nonce matched): the brand colour is Acme's.
      const brand = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--color-brand-500').trim())
      expect(brand).toMatch(/^#[0-9a-f]{6}$/)

      // Hydrated: the sign-in form submits through script and the app navigates.
      await page.getByLabel('Email').fill('admin@acme.test')
      await page.getByLabel('Password').fill('Demo-pass-2026')
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.waitForURL(url('acme.localhost', '/'))
      await page.waitForLoadState('networkidle')

      // A menu opened by a click draws icons the server never rendered: their CSS is made now.
      await page.getByTestId('user-menu').first().click()
      const signOut = page.getByRole('menuitem', { name: 'Sign out' })
      await signOut.waitFor()
      await expect.poll(() => iconDrawn(page, '[role="menuitem"]:has-text("Sign out") .iconify')).toBe(true)

      // A full load of a workspace page, signed in.
      await page.goto(url('acme.localhost', '/settings'), { waitUntil: 'networkidle' })
      expect(await violations()).toEqual([])
      expect(problems).toEqual([])
    }
    finally {
      await close()
    }
  })

  it('the platform\'s super admin sign-in page: no violation, hydrated', async () => {
    const { page, problems, close } = await pageWithProblems(browser)
    const violations = await watchViolations(page)
    try {
      await page.goto(url('localhost', '/admin/login'), { waitUntil: 'networkidle' })
      // A click handled by the app: the form is checked in the page, no request, no reload.
      await page.getByLabel('Email').fill('not-an-email')
      await page.getByLabel('Password').fill('anything')
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.getByText('must be an email address').first().waitFor()
      expect(page.url()).toBe(url('localhost', '/admin/login'))
      expect(await violations()).toEqual([])
      expect(problems).toEqual([])
    }
    finally {
      await close()
    }
  })
})
