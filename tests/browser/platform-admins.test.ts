import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hit, servers } from '../support/http'
import { superAdminSession } from '../support/super-admin'
import { launchChromium, pageWithProblems, SHOTS } from '../support/browser'

// /admin/admins at phone width, as an operator uses it: the list, adding a super admin (the
// form's own messages, then the password once), disabling and removing them after a confirmation.
// super11 is platform-admins-manage.test.ts's super admin: it only touches admins it adds.
const server = servers().find(s => s.name === 'pglite')!
const url = (path: string) => `http://localhost:${server.port}${path}`

let browser: Browser
let cookie: string
beforeAll(async () => {
  browser = await launchChromium()
  cookie = await superAdminSession(server.port, server.database, 'super11@atrium.test')
})
afterAll(async () => browser?.close())

describe('super admins page in Chromium', () => {
  it('adds, disables and removes a super admin at phone width', async () => {
    const { page, problems, close } = await pageWithProblems(browser, { viewport: { width: 390, height: 844 } })
    const [name, value] = cookie.split('=') as [string, string]
    await page.context().addCookies([{ name, value, domain: 'localhost', path: '/' }])
    const email = `browser-${Date.now().toString(36)}@atrium.test`

    await page.goto(url('/admin/admins'))
    await page.getByRole('heading', { name: 'Super admins', level: 1 }).waitFor()
    const table = page.getByTestId('platform-admins')
    await expect.poll(() => table.getByText('super11@atrium.test').count()).toBe(1)
    // The page itself does not scroll sideways on a phone (the table scrolls in its card).
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)

    await page.getByTestId('add-admin').click()
    const dialog = page.getByRole('dialog')
    // Checked as each field is left (the form's schema is the route's)...
    await dialog.getByTestId('admin-name').fill('  ')
    await dialog.getByTestId('admin-name').press('Tab')
    await dialog.getByTestId('admin-email').fill('not-an-email')
    await dialog.getByTestId('admin-email').press('Tab')
    await expect.poll(() => dialog.getByText('must be an email address').count()).toBe(1)
    await expect.poll(() => dialog.getByText('is required').count()).toBe(1)
    // ...and the API's refusal lands under its field: that email is already a super admin.
    await dialog.getByTestId('admin-name').fill('Twice')
    await dialog.getByTestId('admin-email').fill('super11@atrium.test')
    await dialog.getByRole('button', { name: 'Add super admin' }).click()
    await expect.poll(() => dialog.getByText('is already a super admin').count()).toBe(1)
    await dialog.getByTestId('admin-name').fill('Browser Added')
    await dialog.getByTestId('admin-email').fill(email)
    await dialog.getByRole('button', { name: 'Add super admin' }).click()
    const password = dialog.getByTestId('new-admin-password')
    await password.waitFor()
    expect(await password.textContent()).toMatch(/^[\w-]{20,}$/)
    await page.screenshot({ path: join(SHOTS, 'admin-admins-password-phone.png'), fullPage: true })
    await dialog.getByRole('button', { name: 'Done' }).click()
    await expect.poll(() => table.getByText(email).count()).toBe(1)

    await page.getByRole('button', { name: 'Actions for Browser Added' }).click()
    await page.getByRole('menuitem', { name: 'Disable…' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Disable super admin' }).click()
    const row = table.locator('tr', { hasText: email })
    await expect.poll(() => row.getByText('Disabled').count()).toBe(1)

    await page.getByRole('button', { name: 'Actions for Browser Added' }).click()
    await page.getByRole('menuitem', { name: 'Remove…' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Remove super admin' }).click()
    await expect.poll(() => table.getByText(email).count()).toBe(0)
    await page.screenshot({ path: join(SHOTS, 'admin-admins-phone.png'), fullPage: true })

    const list = await hit(server.port, 'localhost', '/api/platform/admins', { headers: { cookie } })
    expect(list.json().map((r: { email: string }) => r.email)).not.toContain(email)
    // Only the refusal asked for above (Chromium logs every 4xx answer as a console error).
    expect(problems).toEqual(['error: Failed to load resource: the server responded with a status of 409 (super11@atrium.test is already a super admin)'])
    await close()
  })
})
