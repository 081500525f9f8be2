import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hit, servers, signIn } from '../support/http'
import { launchChromium, pageWithProblems, SHOTS } from '../support/browser'

// Automation as an admin meets it: the empty list offers the templates, "Large deal" opens in the
// builder, is saved, test-run on a deal and switched on; a manager then raises the deal (owned by
// the admin) above 50,000, the run shows as succeeded on the runs page with its steps, and the
// admin's bell has the workflow's message. Then the builder on a phone, dark. On wayne, where no
// other test writes workflows.
const server = servers().find(s => s.name === 'pglite')!
const HOST = 'wayne.localhost'
const url = (path: string) => `http://${HOST}:${server.port}${path}`

let browser: Browser
let admin: string
let manager: string
let workflowId = ''
const api = (cookie: string, method: string, path: string, body?: unknown) => hit(server.port, HOST, path, { method, body, headers: { cookie } })

beforeAll(async () => {
  browser = await launchChromium()
  admin = await signIn(server.port, HOST, 'admin@wayne.test')
  manager = await signIn(server.port, HOST, 'manager@wayne.test')
  // A rerun on the same database starts from the empty list again.
  for (const w of (await api(admin, 'GET', '/api/workflows')).json().items as { id: string }[]) await api(admin, 'DELETE', `/api/workflows/${w.id}`)
  await api(admin, 'POST', '/api/notifications/read', { all: true })
})
afterAll(async () => {
  if (workflowId) await api(admin, 'DELETE', `/api/workflows/${workflowId}`)
  await browser?.close()
})

async function signedIn(cookie: string, width: number, mode: 'light' | 'dark') {
  const opened = await pageWithProblems(browser, { viewport: { width, height: 900 }, colorScheme: mode })
  opened.page.setDefaultTimeout(15_000)
  await opened.page.context().addCookies([
    { name: 'session', value: cookie.slice('session='.length), url: url('/'), httpOnly: true, sameSite: 'Lax' },
    { name: 'color-mode', value: mode, url: url('/') },
  ])
  return opened
}

describe('the workflow builder in Chromium', () => {
  it('starts from the "Large deal" template, saves, test-runs and switches it on; a large deal runs it and its owner is told', async () => {
    const tag = Date.now().toString(36)
    const adminId = (await api(admin, 'GET', '/api/auth/session')).json().id as string
    const pipeline = (await api(admin, 'GET', '/api/pipelines')).json().find((p: { name: string }) => p.name === 'Sales')
    const dealName = `Wf deal ${tag}`
    const created = await api(admin, 'POST', '/api/records/deals', { name: dealName, pipelineId: pipeline.id, stageId: pipeline.stages[0].id, amountMinor: 1_000_000, expectedCloseDate: '2026-12-31', ownerId: adminId })
    expect(created.status, created.body).toBe(201)
    const deal = created.json() as { id: string, version: number }

    const { page, problems, close } = await signedIn(admin, 1440, 'light')
    await page.goto(url('/automation'), { waitUntil: 'networkidle' })
    await page.getByTestId('workflows-empty').waitFor()
    await page.screenshot({ path: join(SHOTS, 'workflows-empty-wayne-light.png'), fullPage: true })
    await page.getByTestId('workflow-template-large-deal').click()
    await page.waitForURL(url('/automation/new?template=large-deal'))

    // The template's steps are on the canvas, with no problem; the name is ours.
    await page.getByTestId('workflow-node-tell_owner').waitFor()
    await page.getByTestId('workflow-node-review_task').waitFor()
    expect(await page.getByTestId('workflow-node-problems').count()).toBe(0)
    await page.getByTestId('workflow-name').fill(`Large deal ${tag}`)
    // A step's panel: the notify step's title holds the record's name.
    await page.getByTestId('workflow-node-tell_owner').click()
    expect(await page.getByTestId('workflow-notify-title').inputValue()).toBe('Large deal: {{record.name}}')
    await page.screenshot({ path: join(SHOTS, 'workflow-builder-wayne-light.png') })

    await page.getByTestId('workflow-save').click()
    await page.waitForURL(/\/automation\/[0-9a-f-]{36}$/)
    workflowId = page.url().split('/').pop()!
    await expect.poll(() => page.getByTestId('workflow-version').textContent(), { timeout: 15_000 }).toBe('Version 1')

    // A test run on the deal says what both steps would do.
    await page.getByTestId('workflow-test-open').click()
    await page.getByTestId('workflow-test-record-id').fill(deal.id)
    await page.getByTestId('workflow-test-run').click()
    const steps = page.getByTestId('workflow-test-step')
    await expect.poll(() => steps.count(), { timeout: 15_000 }).toBe(2)
    expect(await steps.first().textContent()).toContain('tell_owner')
    await page.screenshot({ path: join(SHOTS, 'workflow-test-run-wayne-light.png') })
    await page.keyboard.press('Escape')

    await page.getByTestId('workflow-enabled').click()
    await expect.poll(async () => (await api(admin, 'GET', `/api/workflows/${workflowId}`)).json().enabled, { timeout: 15_000 }).toBe(true)

    // Someone else (the manager) raises the admin's deal above 50,000.
    const raised = await api(manager, 'PATCH', `/api/records/deals/${deal.id}`, { version: deal.version, amountMinor: 6_000_000 })
    expect(raised.status, raised.body).toBe(200)

    // The run, on the runs page of this workflow, succeeds.
    await page.goto(url(`/automation/runs?workflowId=${workflowId}`), { waitUntil: 'networkidle' })
    const row = page.getByTestId('workflow-runs').locator('tbody tr').first()
    await expect.poll(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click()
      await page.waitForLoadState('networkidle')
      return (await row.textContent()) ?? ''
    }, { timeout: 30_000, interval: 1000 }).toMatch(/succeeded/i)
    await page.screenshot({ path: join(SHOTS, 'workflow-runs-wayne-light.png'), fullPage: true })
    await row.getByRole('link', { name: `Large deal ${tag}`, exact: true }).click()
    await page.getByTestId('workflow-run-steps').waitFor()
    expect(await page.getByTestId('workflow-run-step').count()).toBe(2)
    expect(await page.getByTestId('workflow-run-status').textContent()).toMatch(/succeeded/i)

    // The owner's bell has the workflow's message.
    await page.goto(url('/'), { waitUntil: 'networkidle' })
    const bell = page.getByTestId('notifications-bell').locator('visible=true')
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 15_000 }).toMatch(/unread/)
    await bell.click()
    const panel = page.getByTestId('notifications-panel')
    await panel.waitFor()
    expect(await panel.textContent()).toContain(`Large deal: ${dealName}`)
    expect(problems).toEqual([])
    await close()
  })

  it('on a phone, dark: the canvas fills the screen, a node opens its panel as a slide-over, nothing overflows', async () => {
    expect(workflowId).not.toBe('')
    const { page, problems, close } = await signedIn(admin, 390, 'dark')
    await page.goto(url(`/automation/${workflowId}`), { waitUntil: 'networkidle' })
    await page.getByTestId('workflow-node-review_task').waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await page.screenshot({ path: join(SHOTS, 'workflow-builder-phone-dark.png') })
    await page.getByTestId('workflow-node-trigger').click()
    const panel = page.getByTestId('workflow-panel')
    await panel.waitFor()
    await page.evaluate(() => Promise.all(document.getAnimations().map(a => a.finished)))
    const box = (await panel.boundingBox())!
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width).toBeLessThanOrEqual(390)
    await page.screenshot({ path: join(SHOTS, 'workflow-trigger-panel-phone-dark.png') })
    expect(problems).toEqual([])
    await close()
  })
})
