import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hit, servers } from '../support/http'
import { superAdminSession } from '../support/super-admin'
import { launchChromium, pageWithProblems, SHOTS } from '../support/browser'

// The super admin console as an operator uses it in Chromium: the overview's charts, the tenants
// list (sorting and a search that the URL keeps), health and the audit log, in light and dark.
const server = servers().find(s => s.name === 'pglite')!
const url = (path: string) => `http://localhost:${server.port}${path}`

let browser: Browser
let cookie: string
beforeAll(async () => {
  browser = await launchChromium()
  cookie = await superAdminSession(server.port, server.database, 'super9@atrium.test')
})
afterAll(async () => browser?.close())

async function consolePage(mode: 'light' | 'dark') {
  const opened = await pageWithProblems(browser, { colorScheme: mode })
  const [name, value] = cookie.split('=') as [string, string]
  await opened.page.context().addCookies([
    { name, value, domain: 'localhost', path: '/' },
    { name: 'nuxt-color-mode', value: mode, domain: 'localhost', path: '/' },
  ])
  return opened
}

describe('super admin console in Chromium', () => {
  it.each(['light', 'dark'] as const)('the overview draws its charts with figures and text summaries (%s)', async (mode) => {
    const { page, problems, close } = await consolePage(mode)
    await page.goto(url('/admin'))
    const stats = page.getByTestId('overview-stats')
    await stats.waitFor()
    expect(await stats.textContent()).toMatch(/Tenants\s*\d+/)
    // Five charts (daily usage, plans, weekly, status, requests), each a canvas once mounted.
    await expect.poll(() => page.locator('canvas').count()).toBeGreaterThanOrEqual(5)
    expect(await page.textContent('main')).toMatch(/API calls in the last 30 days/)
    expect(await page.locator('html').getAttribute('class')).toContain(mode)
    await page.screenshot({ path: join(SHOTS, `admin-overview-${mode}.png`), fullPage: true })
    expect(problems).toEqual([])
    await close()
  })

  it('the tenants list sorts by a column and keeps the search and sort in the URL across a reload', async () => {
    const { page, problems, close } = await consolePage('light')
    await page.goto(url('/admin/tenants'))
    const table = page.getByTestId('tenants-table')
    const rows = table.locator('tbody tr')
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(4)

    await page.getByRole('button', { name: 'Sort by storage' }).click()
    await page.waitForURL(/sort=storage&dir=desc|dir=desc&sort=storage/)
    await page.getByLabel('Search tenants').fill('glob')
    await page.waitForURL(/search=glob/)
    await expect.poll(() => rows.count()).toBe(1)
    expect(await table.textContent()).toContain('Globex')

    await page.reload()
    await expect.poll(() => rows.count()).toBe(1)
    expect(await page.getByLabel('Search tenants').inputValue()).toBe('glob')
    expect(await page.getByRole('button', { name: 'Sort by storage' }).getAttribute('aria-sort')).toBe('descending')

    // From the list to the tenant's page.
    await table.getByRole('link', { name: 'Globex' }).first().click()
    await page.waitForURL(url('/admin/tenants/globex'))
    await page.getByRole('heading', { name: 'Globex', level: 1 }).waitFor()
    expect(problems).toEqual([])
    await close()
  })

  it.each(['light', 'dark'] as const)('health and the audit log render (%s)', async (mode) => {
    const { page, problems, close } = await consolePage(mode)
    await page.goto(url('/admin/health'))
    await page.getByTestId('health-status').waitFor()
    expect(await page.getByTestId('job-queues').textContent()).toContain('usage-rollup')
    expect(await page.getByTestId('health-stats').textContent()).toMatch(/Database latency\s*[\d.]+ ms/)
    await page.screenshot({ path: join(SHOTS, `admin-health-${mode}.png`), fullPage: true })

    await page.goto(url('/admin/audit'))
    const audit = page.getByTestId('platform-audit-table')
    await audit.waitFor()
    await expect.poll(() => audit.locator('tbody tr').count()).toBeGreaterThan(0)
    // The Action filter offers labels ("Signed in"); the address and the export keep the key.
    await page.getByTestId('audit-action-filter').click()
    await page.getByPlaceholder('Find an action').fill('Signed in')
    await page.getByRole('option', { name: 'Signed in', exact: true }).click()
    await page.getByRole('button', { name: 'Apply' }).click()
    await page.waitForURL(/action=auth.signed_in/)
    await expect.poll(async () => (await audit.locator('tbody tr').allTextContents()).every(t => t.includes('Signed in'))).toBe(true)
    expect(await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe('/api/platform/audit/export?action=auth.signed_in')
    await page.screenshot({ path: join(SHOTS, `admin-audit-${mode}.png`), fullPage: true })
    expect(problems).toEqual([])
    await close()
  })

  it('a running impersonation shows on the tenant\'s page and ends from there', async () => {
    const platform = (path: string, body?: unknown) => hit(server.port, 'localhost', `/api/platform${path}`, { method: body ? 'POST' : 'GET', body, headers: { cookie } })
    const member = (await platform('/tenants/globex/members?search=viewer%40globex.test')).json().items[0]
    const started = await platform('/tenants/globex/impersonations', { userId: member.id, reason: 'Browser test: the console ends this', minutes: 15 })
    expect(started.status).toBe(201)

    const { page, problems, close } = await consolePage('light')
    await page.goto(url('/admin/tenants/globex'))
    const card = page.getByTestId('tenant-impersonations')
    await card.getByText('Browser test: the console ends this').waitFor()
    expect(await card.textContent()).toMatch(/active/i)
    await card.getByRole('button', { name: 'End now' }).click()
    await expect.poll(() => card.getByRole('button', { name: 'End now' }).count()).toBe(0)
    expect(await card.textContent()).toMatch(/ended/i)
    const row = (await platform(`/impersonations?tenant=globex`)).json().items.find((r: { id: string }) => r.id === started.json().id)
    expect(row.status).toBe('ended')
    expect(problems).toEqual([])
    await close()
  })

  it('renames a tenant from its page; a too-short name is caught on the field', async () => {
    const created = await hit(server.port, 'localhost', '/api/platform/tenants', { method: 'POST', body: { name: 'Rename Me Ltd', slug: 'rename-me', plan: 'starter', adminEmail: 'owner@rename-me.test' }, headers: { cookie } })
    expect(created.status).toBe(201)
    const { page, problems, close } = await consolePage('light')
    await page.goto(url('/admin/tenants/rename-me'))
    await page.getByRole('heading', { name: 'Rename Me Ltd', level: 1 }).waitFor()
    await page.getByTestId('tenant-actions').click()
    await page.getByRole('menuitem', { name: 'Rename…' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByTestId('rename-name').fill('R')
    await dialog.getByRole('button', { name: 'Save name' }).click()
    await expect.poll(() => dialog.getByText('must be at least 2 characters').count()).toBe(1)
    await dialog.getByTestId('rename-name').fill('Renamed Ltd')
    await dialog.getByRole('button', { name: 'Save name' }).click()
    await page.getByRole('heading', { name: 'Renamed Ltd', level: 1 }).waitFor()
    expect((await hit(server.port, 'rename-me.localhost', '/api/site')).json().tenant.name).toBe('Renamed Ltd')
    expect(problems).toEqual([])
    await close()
  })
})
