import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hit, servers, signIn } from '../support/http'
import { launchChromium, pageWithProblems, SHOTS } from '../support/browser'

// The staff workspace's record pages as people use them (sterling): forms with the server's
// field errors on their fields, lists whose address carries the view, sorting, bulk delete with
// Undo, and an edit that lost the race to another tab.
const server = servers().find(s => s.name === 'pglite')!
const host = 'sterling.localhost'
const url = (path: string) => `http://${host}:${server.port}${path}`
const tag = `B${Date.now().toString(36)}`
/** Waits for a page to settle on a value: the shared machine can be slow, never a timing assertion. */
/** Per test: a browser flow on a busy two-core machine. */
const SLOW = 180_000
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 })

let browser: Browser
let admin: string
const api = (method: string, path: string, body?: unknown) => hit(server.port, host, path, { method, body, headers: { cookie: admin } })

beforeAll(async () => {
  browser = await launchChromium()
  admin = await signIn(server.port, host, 'admin@sterling.test')
})
afterAll(async () => browser?.close())

async function signedInPage(width = 1280) {
  const p = await pageWithProblems(browser, { viewport: { width, height: 900 } })
  await p.page.goto(url('/login'), { waitUntil: 'networkidle' })
  await p.page.getByLabel('Email').fill('admin@sterling.test')
  await p.page.getByLabel('Password').fill('Demo-pass-2026')
  await p.page.getByRole('button', { name: /sign in/i }).click()
  await p.page.waitForURL(url('/'))
  return p
}

/** The first link of each row of a list (its title), in order. */
const titles = (page: Page, type: string) => page.getByTestId(`records-table-${type}`).locator('tbody tr')
  .evaluateAll(rows => rows.map(r => r.querySelector('a')?.textContent?.trim() ?? '').filter(Boolean))

describe('record pages in Chromium', () => {
  it('creates an account and a contact through the forms; a server field error lands on its field', async () => {
    const { page, problems, close } = await signedInPage()
    // The navigation lists the modules.
    const nav = page.getByRole('navigation', { name: 'Workspace' })
    for (const label of ['Accounts', 'Contacts', 'Leads', 'Deals', 'My tasks', 'Tasks', 'Tickets']) {
      await poll(async () => nav.getByRole('link', { name: label, exact: true }).count()).toBe(1)
    }
    await nav.getByRole('link', { name: 'Accounts', exact: true }).click()
    await page.waitForURL(url('/accounts'))
    await page.getByTestId('new-record').click()
    await page.waitForURL(url('/accounts/new'))
    // The shared schema speaks first: an empty name is refused before anything is sent.
    await page.getByTestId('record-save').click()
    await poll(async () => page.getByTestId('field-name').getByText('Is required').count()).toBe(1)
    await page.getByTestId('field-name').locator('input').fill(`${tag} Sterling Cooper Draper`)
    await page.getByTestId('field-industry').locator('input').fill('Advertising')
    await page.getByTestId('field-employees').locator('input').fill('120')
    await page.getByTestId('record-save').click()
    await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/)
    expect(await page.getByTestId('record-title').textContent()).toContain(`${tag} Sterling Cooper Draper`)
    const accountId = page.url().split('/').pop()!
    await page.screenshot({ path: join(SHOTS, 'records-account-detail.png'), fullPage: true })

    // A contact at that account, started from the account's related list.
    await page.getByTestId('related-contacts').getByRole('link', { name: 'New contact' }).click()
    await page.waitForURL(url(`/contacts/new?accountId=${accountId}`))
    await page.getByTestId('field-firstName').locator('input').fill('Peggy')
    await page.getByTestId('field-lastName').locator('input').fill(`Olson ${tag}`)
    await page.getByTestId('field-email').locator('input').fill('not-an-email')
    await page.getByTestId('field-email').locator('input').blur()
    await poll(async () => page.getByTestId('field-email').getByText('Must be an email address').count()).toBe(1)
    await page.getByTestId('field-email').locator('input').fill('peggy@sterling.test')
    // The message goes while typing, so nothing moves under the next click.
    await poll(async () => page.getByTestId('field-email').getByText('Must be an email address').count()).toBe(0)
    // The account goes away before the form is sent: only the server can know, and it says so on the field.
    expect((await api('DELETE', `/api/records/accounts/${accountId}`)).status).toBe(200)
    await page.getByTestId('record-save').click()
    await poll(async () => page.getByTestId('field-accountId').getByText(/is not an account of this workspace/i).count()).toBe(1)
    await page.screenshot({ path: join(SHOTS, 'records-contact-field-error.png'), fullPage: true })
    expect((await api('POST', `/api/records/accounts/${accountId}/restore`)).status).toBe(200)
    await page.getByTestId('record-save').click()
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/)
    expect(await page.getByTestId('detail-accountId').textContent()).toContain(`${tag} Sterling Cooper Draper`)
    await poll(async () => page.getByTestId('activity-created').count()).toBe(1)

    expect(problems.filter(p => !/status of 400/.test(p))).toEqual([])
    await close()
  }, SLOW)

  it('filters and sorts through the address, which survives a reload; bulk delete is undone', async () => {
    // A fixed set of tasks of this run.
    const made: string[] = []
    for (const [i, priority] of ['low', 'high', 'urgent', 'normal', 'high'].entries()) {
      const r = await api('POST', '/api/records/tasks', { title: `${tag} task ${i + 1}`, priority, status: i === 3 ? 'done' : 'open' })
      expect(r.status).toBe(201)
      made.push(r.json().id)
    }
    const { page, problems, close } = await signedInPage()
    await page.goto(url('/tasks'), { waitUntil: 'networkidle' })
    await page.getByTestId('records-search').fill(tag)
    await page.waitForURL(u => new URL(u).searchParams.get('q') === tag)
    await poll(async () => titles(page, 'tasks').then(t => t.length)).toBe(5)

    // Priority high or urgent, open only.
    await page.getByTestId('filters-button').click()
    await page.getByTestId('filter-priority').click()
    await page.getByRole('option', { name: 'High' }).click()
    await page.getByRole('option', { name: 'Urgent' }).click()
    await page.keyboard.press('Escape')
    await page.getByTestId('filter-status').click()
    await page.getByRole('option', { name: 'Open' }).click()
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await page.waitForURL(u => new URL(u).searchParams.get('status') === 'open' && new URL(u).searchParams.get('priority') === 'high,urgent')
    await poll(async () => titles(page, 'tasks').then(t => t.sort())).toEqual([`${tag} task 2`, `${tag} task 3`, `${tag} task 5`])

    // Sorted by title, newest last flipped: the header sorts on the server and the address keeps it.
    await page.getByTestId('sort-title').click()
    await page.waitForURL(u => new URL(u).searchParams.get('sort') === 'title' && new URL(u).searchParams.get('dir') === 'asc')
    await poll(async () => titles(page, 'tasks')).toEqual([`${tag} task 2`, `${tag} task 3`, `${tag} task 5`])
    await page.getByTestId('sort-title').click()
    await page.waitForURL(u => new URL(u).searchParams.get('dir') === 'desc')
    await poll(async () => titles(page, 'tasks')).toEqual([`${tag} task 5`, `${tag} task 3`, `${tag} task 2`])

    // The address is the view: reload, or open it anew, and it is all still there.
    const shared = page.url()
    await page.reload({ waitUntil: 'networkidle' })
    expect(await titles(page, 'tasks')).toEqual([`${tag} task 5`, `${tag} task 3`, `${tag} task 2`])
    expect(await page.getByTestId('chip-priority').textContent()).toContain('High, Urgent')
    expect(await page.getByTestId('records-search').inputValue()).toBe(tag)
    await page.screenshot({ path: join(SHOTS, 'records-tasks-filtered.png'), fullPage: true })

    // Bulk delete two rows; Undo in the toast brings them back.
    await page.getByRole('checkbox', { name: `Select ${tag} task 5` }).click()
    await page.getByRole('checkbox', { name: `Select ${tag} task 3` }).click()
    expect(await page.getByTestId('bulk-bar').textContent()).toContain('2 selected')
    await page.getByTestId('bulk-delete').click()
    await poll(async () => titles(page, 'tasks')).toEqual([`${tag} task 2`])
    await page.getByRole('button', { name: 'Undo' }).click()
    await poll(async () => titles(page, 'tasks')).toEqual([`${tag} task 5`, `${tag} task 3`, `${tag} task 2`])
    await page.screenshot({ path: join(SHOTS, 'records-tasks-restored.png'), fullPage: true })

    // Opened in a fresh tab, the shared address shows the same rows.
    const other = await pageWithProblems(browser)
    await other.page.context().addCookies(await page.context().cookies())
    await other.page.goto(shared, { waitUntil: 'networkidle' })
    expect(await titles(other.page, 'tasks')).toEqual([`${tag} task 5`, `${tag} task 3`, `${tag} task 2`])
    expect(other.problems).toEqual([])
    await other.close()

    expect(problems).toEqual([])
    await close()
  }, SLOW)

  it('a stale edit in a second tab is refused with a clear message, and Reload takes the current record', async () => {
    const account = (await api('POST', '/api/records/accounts', { name: `${tag} Race`, industry: 'Media' })).json()
    const { page: first, problems: p1, close: c1 } = await signedInPage()
    const second = await pageWithProblems(browser)
    await second.page.context().addCookies(await first.context().cookies())
    for (const page of [first, second.page]) {
      await page.goto(url(`/accounts/${account.id}`), { waitUntil: 'networkidle' })
      await page.getByTestId('record-edit').click()
      await page.getByTestId('field-industry').locator('input').waitFor()
    }
    await first.getByTestId('field-industry').locator('input').fill('Television')
    await first.getByTestId('record-save').click()
    await poll(async () => first.getByTestId('detail-industry').textContent()).toContain('Television')

    await second.page.getByTestId('field-industry').locator('input').fill('Radio')
    await second.page.getByTestId('record-save').click()
    await poll(async () => second.page.getByTestId('stale-alert').count()).toBe(1)
    expect(await second.page.getByTestId('stale-alert').textContent()).toContain('Someone else changed this record')
    await second.page.screenshot({ path: join(SHOTS, 'records-stale-edit.png') })
    // Nothing was overwritten.
    expect((await api('GET', `/api/records/accounts/${account.id}`)).json().industry).toBe('Television')

    await second.page.getByRole('button', { name: 'Reload' }).click()
    expect(await second.page.getByTestId('field-industry').locator('input').inputValue()).toBe('Television')
    await second.page.getByTestId('field-industry').locator('input').fill('Radio')
    await second.page.getByTestId('record-save').click()
    await poll(async () => second.page.getByTestId('detail-industry').textContent()).toContain('Radio')
    expect((await api('GET', `/api/records/accounts/${account.id}`)).json()).toMatchObject({ industry: 'Radio', version: 3 })

    expect(p1).toEqual([])
    expect(second.problems.filter(p => !/status of 409/.test(p))).toEqual([])
    await second.close()
    await c1()
  }, SLOW)
})
