import { join } from 'node:path'
import { mkdirSync } from 'node:fs'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { servers } from '../support/http'
import { superAdminSession } from '../support/super-admin'

// Impersonation as a super admin meets it in Chromium: "Impersonate…" on a tenant's page in the console
// (found through the tenants table), the workspace in a new tab with a banner and a running countdown, the tenant's audit
// log naming the super admin, and "End impersonation" back to the console.
const SHOTS = join(import.meta.dirname, '../../test-results/screenshots')
const server = servers().find(s => s.name === 'pglite')!
const url = (host: string, path: string) => `http://${host}:${server.port}${path}`
const HOST = 'gringotts.localhost'

let browser: Browser
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
})
afterAll(async () => browser?.close())

/** Records console errors and hydration warnings of a page. */
function watch(page: Page, problems: string[]) {
  page.on('console', (m) => {
    if (m.type() === 'error' || /hydration/i.test(m.text())) problems.push(`${page.url()} ${m.type()}: ${m.text()}`)
  })
  page.on('pageerror', e => problems.push(`pageerror: ${e.message}`))
}

describe('impersonation in Chromium', () => {
  it('a super admin impersonates a member from the console; the banner counts down, the audit log names them, and ending returns to the console', async () => {
    // The super admin is signed in (two-factor done) over HTTP; the browser gets that session's cookie.
    const cookie = await superAdminSession(server.port, server.database, 'super7@atrium.test')
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } })
    await context.addCookies([{ name: 'session', value: cookie.slice('session='.length), url: url('localhost', '/'), httpOnly: true, sameSite: 'Lax' }])
    const problems: string[] = []
    const console = await context.newPage()
    watch(console, problems)

    await console.goto(url('localhost', '/admin/tenants'), { waitUntil: 'networkidle' })
    await console.getByLabel('Search tenants').fill('gringotts')
    const rows = console.getByTestId('tenants-table').locator('tbody tr')
    await expect.poll(() => rows.count()).toBe(1)
    await rows.first().getByRole('link', { name: 'Gringotts', exact: true }).click()
    await console.getByTestId('tenant-actions').click()
    await console.getByRole('menuitem', { name: 'Impersonate…' }).click()

    const dialog = console.getByRole('dialog')
    await dialog.getByText('Impersonate a member of Gringotts').waitFor()
    await dialog.getByLabel('Search members').fill('admin@')
    await dialog.getByRole('radio', { name: /Ada Admin/ }).click()
    // Too short a reason is caught on the field before anything is sent.
    await dialog.getByLabel('Reason').fill('Too short')
    await dialog.getByRole('button', { name: 'Start impersonation' }).click()
    await expect.poll(() => dialog.getByText('must be at least 10 characters').count()).toBe(1)
    await dialog.getByLabel('Reason').fill('Ticket 4711: the dashboards look empty to them')
    await console.screenshot({ path: join(SHOTS, 'impersonate-modal.png') })

    const opened = context.waitForEvent('page')
    await dialog.getByRole('button', { name: 'Start impersonation' }).click()
    const workspace = await opened
    watch(workspace, problems)
    await workspace.waitForURL(url(HOST, '/'))
    await dialog.getByTestId('impersonation-started').waitFor()

    const banner = workspace.getByTestId('impersonation-banner')
    await banner.waitFor()
    expect(await banner.textContent()).toMatch(/You are signed in as\s+Ada Admin\s+on behalf of\s+Seventh Operator\s+—\s+Ticket 4711/)
    // The countdown runs in the browser: from "--:--" at first paint to the minutes left (30 by default).
    const countdown = workspace.getByTestId('impersonation-countdown')
    await expect.poll(() => countdown.textContent()).toMatch(/ends in (29|30):\d\d/)
    const first = await countdown.textContent()
    await expect.poll(() => countdown.textContent(), { timeout: 5000 }).not.toBe(first)
    await workspace.screenshot({ path: join(SHOTS, 'impersonation-banner.png') })

    // It stays on every page of the workspace; the audit log shows the impersonated sign-in.
    await workspace.goto(url(HOST, '/settings/audit'), { waitUntil: 'networkidle' })
    await banner.waitFor()
    await workspace.getByLabel('Impersonation only').check()
    await workspace.getByRole('button', { name: 'Apply' }).click()
    await expect.poll(() => workspace.getByTestId('audit-impersonated').count()).toBeGreaterThan(0)
    expect(await workspace.getByTestId('audit-impersonated').first().textContent()).toBe('by Seventh Operator (impersonation)')
    expect(await workspace.getByRole('table').textContent()).toContain('Seventh Operator (platform admin)')
    await workspace.screenshot({ path: join(SHOTS, 'impersonation-audit-log.png') })

    await workspace.getByRole('button', { name: 'End impersonation' }).click()
    await workspace.waitForURL(url('localhost', '/admin'))
    await workspace.goto(url(HOST, '/'))
    await workspace.waitForURL(/\/login/)
    expect(await workspace.getByTestId('impersonation-banner').count()).toBe(0)
    expect(problems).toEqual([])
    await context.close()
  }, 120_000)
})
