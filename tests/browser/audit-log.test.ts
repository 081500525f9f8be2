import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hit, servers, signIn } from '../support/http'
import { launchChromium, pageWithProblems, SHOTS } from '../support/browser'

// Settings → Audit log as a workspace admin meets it (issue 19, item 7): the Action filter offers
// labelled choices ("Account updated", not `accounts.updated`), an entry's change opens into
// before → after per field, and the table fits the window at 1440 wide (IP column included) and
// on a phone (one stacked column). Two brands, light and dark. Each run writes its own account.
const server = servers().find(s => s.name === 'pglite')!
const url = (slug: string, path: string) => `http://${slug}.localhost:${server.port}${path}`
const stamp = `${Date.now()}`
const before = `Audit browser ${stamp}`
// Long enough to wrap: the old Change column cut values like this one mid-word.
const after = `Audit browser ${stamp} — renamed after the merger with the northern division, keeping the old brand for existing customers`

let browser: Browser
const cookies: Record<string, string> = {}
beforeAll(async () => {
  browser = await launchChromium()
  for (const slug of ['acme', 'nakatomi']) {
    cookies[slug] = await signIn(server.port, `${slug}.localhost`, `admin@${slug}.test`)
    const api = (method: string, path: string, body?: unknown) => hit(server.port, `${slug}.localhost`, path, { method, body, headers: { cookie: cookies[slug]! } })
    const account = (await api('POST', '/api/records/accounts', { name: before })).json()
    expect((await api('PATCH', `/api/records/accounts/${account.id}`, { version: account.version, name: after, employees: 120 })).status).toBe(200)
  }
})
afterAll(async () => browser?.close())

async function open(slug: string, width: number, height: number, mode: 'light' | 'dark'): Promise<{ page: Page, problems: string[], close: () => Promise<void> }> {
  const opened = await pageWithProblems(browser, { viewport: { width, height }, colorScheme: mode })
  await opened.page.context().addCookies([
    { name: 'session', value: cookies[slug]!.slice('session='.length), url: url(slug, '/'), httpOnly: true, sameSite: 'Lax' },
    { name: 'color-mode', value: mode, url: url(slug, '/') },
  ])
  await opened.page.goto(url(slug, '/settings/audit'), { waitUntil: 'networkidle' })
  await opened.page.getByTestId('audit-action-filter').waitFor()
  return opened
}

/** Picks a labelled action in the Action filter and applies it. */
async function filterBy(page: Page, label: string) {
  await page.getByTestId('audit-action-filter').click()
  await page.getByPlaceholder('Find an action').fill(label)
  await page.getByRole('option', { name: label, exact: true }).click()
  await page.getByRole('button', { name: 'Apply' }).click()
}

describe('Settings → Audit log in Chromium', () => {
  it.each([
    { slug: 'acme', mode: 'light' },
    { slug: 'nakatomi', mode: 'dark' },
  ] as const)('filters by a labelled action and opens an entry into before → after, all inside 1440 wide ($slug, $mode)', async ({ slug, mode }) => {
    const { page, problems, close } = await open(slug, 1440, 900, mode)
    // The actions are grouped and labelled.
    await page.getByTestId('audit-action-filter').click()
    await page.getByText('Sign-in and security').waitFor()
    expect(await page.getByRole('option', { name: 'Signed in', exact: true }).count()).toBe(1)
    await page.keyboard.press('Escape')
    // Closed before it is opened again: reopening while it still closes can swallow the click.
    await page.getByPlaceholder('Find an action').waitFor({ state: 'hidden' })

    await filterBy(page, 'Account updated')
    const table = page.getByRole('table')
    const rows = table.locator('tbody tr')
    await expect.poll(async () => (await rows.allTextContents()).every(t => t.includes('Account updated'))).toBe(true)
    await expect.poll(() => rows.filter({ hasText: '2 fields changed' }).count()).toBeGreaterThan(0)

    // The newest is this run's rename: open it.
    await table.getByTestId('audit-change-toggle').first().click()
    const changes = page.getByTestId('audit-changes')
    await changes.waitFor()
    const name = changes.getByTestId('audit-change').filter({ has: page.getByTestId('audit-after').getByText(after, { exact: true }) })
    expect(await name.getByTestId('audit-before').textContent()).toBe(before)
    expect(await changes.textContent()).toContain('Employees')
    expect(await changes.getByText('120', { exact: true }).count()).toBe(1)

    // Nothing leaves the window: the last column (IP) and the wrapped new name end inside it.
    for (const el of [page.getByRole('columnheader', { name: 'IP' }), name.getByTestId('audit-after')]) {
      const b = (await el.boundingBox())!
      expect(b.x + b.width).toBeLessThanOrEqual(1440)
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440)
    await page.screenshot({ path: join(SHOTS, `audit-log-${slug}-${mode}.png`), fullPage: true })
    expect(problems).toEqual([])
    await close()
  })

  it('stacks each entry on a phone, with the change opening under it', async () => {
    const { page, problems, close } = await open('acme', 390, 844, 'dark')
    await filterBy(page, 'Account updated')
    const first = page.getByRole('table').locator('tbody tr').first()
    await expect.poll(() => first.textContent()).toContain('2 fields changed')
    await first.getByRole('button', { name: '2 fields changed' }).click()
    const changes = page.getByTestId('audit-changes')
    await changes.waitFor()
    expect(await changes.getByText(after, { exact: true }).count()).toBe(1)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    const b = (await changes.boundingBox())!
    expect(b.x + b.width).toBeLessThanOrEqual(390)
    await page.screenshot({ path: join(SHOTS, 'audit-log-acme-phone-dark.png'), fullPage: true })
    expect(problems).toEqual([])
    await close()
  })
})
