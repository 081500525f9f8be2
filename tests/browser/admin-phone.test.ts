import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { servers } from '../support/http'
import { superAdminSession } from '../support/super-admin'
import { launchChromium, pageWithProblems, SHOTS } from '../support/browser'

// The super admin console on a phone (390×844): every section's name is whole (in the menu, as in
// the tenant workspace), and neither the overview nor the tenants list is wider than the screen
// (the list's date filter and columns ran past it). Read-only.
const server = servers().find(s => s.name === 'pglite')!
const url = (path: string) => `http://localhost:${server.port}${path}`
const SECTIONS = ['Overview', 'Tenants', 'Plans', 'Feature flags', 'Super admins', 'Audit log', 'Health']

let browser: Browser
let cookie: string
beforeAll(async () => {
  browser = await launchChromium()
  // The console's browser-test super admin (admin-console.test.ts): its session is shared.
  cookie = await superAdminSession(server.port, server.database, 'super9@atrium.test')
})
afterAll(async () => browser?.close())

async function phonePage(mode: 'light' | 'dark') {
  const opened = await pageWithProblems(browser, { viewport: { width: 390, height: 844 }, colorScheme: mode, isMobile: true, hasTouch: true })
  const [name, value] = cookie.split('=') as [string, string]
  await opened.page.context().addCookies([
    { name, value, domain: 'localhost', path: '/' },
    { name: 'nuxt-color-mode', value: mode, domain: 'localhost', path: '/' },
  ])
  return opened
}

const overflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)

describe('super admin console on a phone', () => {
  it.each(['light', 'dark'] as const)('every section is named in full, in the menu or on the page (%s)', async (mode) => {
    const { page, problems, close } = await phonePage(mode)
    await page.goto(url('/admin'), { waitUntil: 'networkidle' })
    await page.getByTestId('overview-stats').waitFor()
    const toggle = page.getByRole('button', { name: 'Open menu' })
    if (await toggle.isVisible()) await toggle.click()
    for (const section of SECTIONS) {
      const link = page.getByRole('navigation', { name: 'Platform admin' }).getByRole('link', { name: section, exact: true }).locator('visible=true')
      await link.waitFor()
      // The whole label shows: nothing cut off by its box or by the screen (once the menu has slid in).
      const cut = () => link.evaluate((el) => {
        const label = [...el.querySelectorAll('span')].find(s => s.textContent?.trim() && !s.children.length) ?? el
        const box = label.getBoundingClientRect()
        return label.scrollWidth > label.clientWidth + 1 || box.right > window.innerWidth || box.left < 0
      })
      await expect.poll(cut, { message: `${section} is cut off`, timeout: 5_000 }).toBe(false)
    }
    await page.screenshot({ path: join(SHOTS, `admin-phone-menu-${mode}.png`) })
    expect(problems).toEqual([])
    await close()
  })

  it.each(['light', 'dark'] as const)('neither the overview nor the tenants list is wider than the screen (%s)', async (mode) => {
    const { page, problems, close } = await phonePage(mode)
    await page.goto(url('/admin'), { waitUntil: 'networkidle' })
    await page.getByTestId('overview-stats').waitFor()
    await expect.poll(() => page.locator('canvas').count()).toBeGreaterThanOrEqual(5)
    expect(await overflows(page)).toBeLessThanOrEqual(0)
    await page.screenshot({ path: join(SHOTS, `admin-phone-overview-${mode}.png`), fullPage: true })

    await page.goto(url('/admin/tenants'), { waitUntil: 'networkidle' })
    const table = page.getByTestId('tenants-table')
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThanOrEqual(4)
    await page.screenshot({ path: join(SHOTS, `admin-phone-tenants-${mode}.png`), fullPage: true })
    expect(await overflows(page)).toBeLessThanOrEqual(0)
    // The date filter and the tenant's name stay on the screen.
    for (const control of [page.getByLabel('Created from'), page.getByLabel('Created to'), table.getByRole('link', { name: 'Globex' }).first()]) {
      const box = (await control.boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(390)
    }
    // The visible columns fit the card: nothing is cut off at its edge.
    const tableWrap = await table.evaluate(el => ({ scroll: el.scrollWidth, client: el.clientWidth }))
    expect(tableWrap.scroll).toBeLessThanOrEqual(tableWrap.client + 1)
    expect(problems).toEqual([])
    await close()
  })
})
