import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, hit, servers, signIn } from '../support/http'
import { launchChromium, pageWithProblems, SHOTS } from '../support/browser'

// Building a report in oceanic as people do it: open Reports, start from a template, narrow it
// with a filter, add a column, see a calculated column's mistake named as it is typed, open a
// group's records, save, find the saved report with its chart, table and export, and schedule it.
const server = servers().find(s => s.name === 'pglite')!
const host = 'oceanic.localhost'
const SLOW = 240_000
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000 })
const url = (path: string) => `http://${host}:${server.port}${path}`
const tag = Date.now().toString(36)

let browser: Browser
let admin: string

beforeAll(async () => {
  browser = await launchChromium()
  admin = await signIn(server.port, host, 'admin@oceanic.test')
  // Something to report on: deals from two sources, one of each won.
  const api = (path: string, body: unknown) => hit(server.port, host, path, { method: 'POST', body, headers: { cookie: admin } })
  const pipeline = (await api('/api/pipelines', { name: `Browser ${tag}`, stages: [{ name: 'Open', probability: 10 }, { name: 'Won', kind: 'won', probability: 100 }] })).json()
  for (const [i, source] of (['referral', 'referral', 'website'] as const).entries()) {
    const res = await api('/api/records/deals', { name: `Deal ${i} ${tag}`, amountMinor: 10_000 * (i + 1), pipelineId: pipeline.id, stageId: pipeline.stages[i % 2].id, source })
    expect(res.status, res.body).toBe(201)
  }
}, SLOW)
afterAll(async () => browser?.close())

describe('reports in Chromium', () => {
  it('builds a report from a template, changes a column and a filter, previews, drills and saves it', async () => {
    const { page, problems, close } = await pageWithProblems(browser, { viewport: { width: 1366, height: 950 } })
    await page.goto(url('/login'), { waitUntil: 'networkidle' })
    await page.getByLabel('Email').fill('admin@oceanic.test')
    await page.getByLabel('Password').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: /sign in/i }).click()
    await page.waitForURL(url('/'))

    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Reports', exact: true }).click()
    await page.waitForURL(url('/reports'))
    await page.getByTestId('reports-empty').or(page.getByTestId('reports-list')).waitFor()
    await page.getByTestId('report-template-lead-source-roi').click()
    await page.waitForURL(/\/reports\/new\?template=lead-source-roi/)
    await poll(() => page.getByTestId('report-row').count()).toBeGreaterThan(1)
    await page.getByTestId('report-chart').waitFor()

    // Narrow it to referrals: the preview follows.
    await page.getByTestId('report-add-filter').click()
    await page.getByRole('option', { name: 'Source', exact: true }).click()
    await page.getByTestId('report-filter-options').click()
    await page.getByRole('option', { name: 'referral', exact: true }).click()
    await page.keyboard.press('Escape')
    await poll(async () => (await page.getByTestId('report-table').locator('tbody tr').allInnerTexts()).map(t => t.split('\t')[0]!.trim())).toEqual(['referral', 'Total'])

    // A column more, for the records behind a group.
    await page.getByTestId('report-add-column').click()
    await page.getByRole('option', { name: 'Stage', exact: true }).click()
    await poll(() => page.getByTestId('report-column').allInnerTexts()).toContain('Stage')

    // A calculated column's mistake is named while it is typed, and goes with the column.
    await page.getByTestId('report-add-calculation').click()
    const calc = page.getByTestId('report-calculation').last()
    await calc.getByRole('textbox', { name: /Expression of/ }).fill('name / 2')
    await poll(() => calc.getByTestId('report-calculation-error').textContent()).toContain('Cannot divide text')
    await calc.getByRole('button', { name: /^Remove / }).click()
    await poll(() => page.getByTestId('report-calculation').count()).toBe(3)

    // A group opens its records, with the new column.
    await page.getByTestId('report-row').first().click()
    const drill = page.getByTestId('report-drill')
    await drill.waitFor()
    await poll(() => drill.locator('thead').textContent()).toContain('Stage')
    await poll(() => drill.locator('tbody tr').count()).toBeGreaterThanOrEqual(2)
    await page.keyboard.press('Escape')

    await page.getByTestId('report-save').click()
    await page.getByTestId('report-name-input').fill(`Referrals ${tag}`)
    await page.getByRole('radio', { name: 'Everyone' }).check()
    await page.locator('button[type=submit][form=report-save]').click()
    await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/)
    const id = page.url().split('/').pop()!
    await page.getByRole('heading', { name: `Referrals ${tag}` }).waitFor()
    await page.getByTestId('report-table').waitFor()
    await page.getByTestId('report-chart').waitFor()
    await page.getByText('Source: referral').waitFor()
    await page.screenshot({ path: join(SHOTS, 'report-saved.png'), fullPage: true })

    // Schedule it: every Monday at 07:15 in Berlin, as a PDF to the admin; the schedule shows when it runs next.
    await page.getByTestId('report-schedules').getByText('Not scheduled').waitFor()
    await page.getByTestId('report-schedule').click()
    await page.getByTestId('schedule-time').fill('07:15')
    await page.getByTestId('schedule-own-zone').click()
    await page.getByTestId('schedule-zone').click()
    await page.getByPlaceholder('Search...').fill('Berlin')
    await page.getByRole('option', { name: 'Europe/Berlin' }).click()
    // The menu closes and hands focus back to its button: wait, or the next keys land there.
    await page.getByRole('listbox').waitFor({ state: 'detached' })
    await poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid="schedule-zone"]') !== null || document.activeElement?.getAttribute('data-testid') === 'schedule-zone')).toBe(true)
    await poll(() => page.getByTestId('schedule-summary').textContent()).toBe('Every Monday at 07:15 (Europe/Berlin)')
    const recipients = page.getByPlaceholder('name@example.com, another@example.com')
    await recipients.fill('admin@oceanic.test')
    await poll(() => recipients.inputValue()).toBe('admin@oceanic.test')
    await page.locator('button[type=submit][form=report-schedule]').click()
    const row = page.getByTestId('schedule-row')
    await poll(() => row.textContent()).toContain('Every Monday at 07:15 (Europe/Berlin)')
    await poll(() => row.textContent()).toContain('PDF to 1 recipient')
    await poll(() => row.textContent()).toMatch(/Next /)
    const [schedule] = (await hit(server.port, host, `/api/reports/${id}/schedules`, { headers: { cookie: admin } })).json().items
    expect(schedule).toMatchObject({ cron: '15 7 * * 1', timeZone: 'Europe/Berlin', format: 'pdf', recipients: ['admin@oceanic.test'] })
    await page.screenshot({ path: join(SHOTS, 'report-scheduled.png'), fullPage: true })

    const saved = (await hit(server.port, host, `/api/reports/${id}`, { headers: { cookie: admin } })).json()
    expect(saved).toMatchObject({ name: `Referrals ${tag}`, visibility: 'workspace', template: 'lead-source-roi' })
    expect(saved.definition.filters).toEqual({ source: 'referral' })
    expect(saved.definition.columns.map((c: { field: string }) => c.field)).toContain('stageId')

    // The list shows it; editing opens the builder with it.
    await page.getByRole('link', { name: 'Reports' }).first().click()
    await page.waitForURL(url('/reports'))
    await poll(() => page.getByTestId('reports-list').textContent()).toContain(`Referrals ${tag}`)
    await page.goto(url(`/reports/${id}?edit=1`), { waitUntil: 'networkidle' })
    await page.getByTestId('report-builder').waitFor()
    expect(problems).toEqual([])
    await close()
  }, SLOW)
})
