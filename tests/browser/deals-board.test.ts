import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, pageWithProblems, SHOTS } from '../support/browser'
import { hit, servers, signIn } from '../support/http'

// The deals board in Chromium (bluth, the pipelines test tenant): a deal created through the API
// is dragged to another stage with native drag and drop, and is still there after a reload; the
// keyboard's "Move to…" menu and the lost reason work too. Settings → Pipelines shows the stages.
const server = servers().find(s => s.name === 'pglite')!
const HOST = 'bluth.localhost'
const BASE = `http://${HOST}:${server.port}`

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => browser?.close())

describe('deals board in Chromium', () => {
  it('drag a deal to another stage; after a reload it is still there', async () => {
    const cookie = await signIn(server.port, HOST, 'admin@bluth.test')
    const api = (method: string, path: string, body?: unknown) => hit(server.port, HOST, path, { method, body, headers: { cookie } })
    // The seeded pipeline, named: other tests may make another pipeline the default for a moment.
    const sales = (await api('GET', '/api/pipelines')).json().find((p: { name: string }) => p.name === 'Sales')
    const [first, second, third] = sales.stages as { id: string, name: string }[]
    const name = `Board deal ${Date.now().toString(36)}`
    const created = await api('POST', '/api/records/deals', { name, pipelineId: sales.id, stageId: first!.id, amountMinor: 1_234_500, expectedCloseDate: '2026-09-30' })
    expect(created.status, created.body).toBe(201)
    const deal = created.json()

    const { page, problems, close } = await pageWithProblems(browser, { viewport: { width: 1600, height: 900 }, colorScheme: 'light' })
    page.setDefaultTimeout(15_000)
    await page.goto(`${BASE}/login`, { waitUntil: 'networkidle' })
    await page.getByLabel('Email').fill('admin@bluth.test')
    await page.getByLabel('Password').fill('Demo-pass-2026')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${BASE}/`)

    await page.goto(`${BASE}/deals/board?pipeline=${sales.id}`, { waitUntil: 'networkidle' })
    const card = page.getByTestId(`deal-card-${deal.id}`)
    const column = (stage: { name: string }) => page.getByTestId(`board-column-${stage.name}`)
    await column(first!).getByTestId(`deal-card-${deal.id}`).waitFor()
    await expect.poll(() => card.textContent()).toContain('$12,345.00')

    await card.dragTo(column(second!))
    await page.getByText(`${name} moved to ${second!.name}`).first().waitFor()
    expect(await column(second!).getByTestId(`deal-card-${deal.id}`).count()).toBe(1)
    expect(await column(first!).getByTestId(`deal-card-${deal.id}`).count()).toBe(0)
    await page.screenshot({ path: join(SHOTS, 'bluth-deals-board.png') })

    await page.reload({ waitUntil: 'networkidle' })
    await column(second!).getByTestId(`deal-card-${deal.id}`).waitFor()
    expect((await api('GET', `/api/records/deals/${deal.id}`)).json()).toMatchObject({ stageId: second!.id, status: 'open' })

    // Without a mouse: the card's "Move to…" menu.
    await card.getByTestId('deal-move-menu').click()
    await page.getByRole('menuitem', { name: third!.name }).click()
    await column(third!).getByTestId(`deal-card-${deal.id}`).waitFor()
    await page.getByText(`${name} moved to ${third!.name}`).first().waitFor()

    // A lost deal says why.
    const lost = sales.stages.find((s: { kind: string }) => s.kind === 'lost')
    await card.getByTestId('deal-move-menu').click()
    await page.getByRole('menuitem', { name: lost.name }).click()
    await page.getByTestId('lost-reason').fill('Budget frozen')
    await page.getByRole('button', { name: 'Mark as lost' }).click()
    await column(lost).getByTestId(`deal-card-${deal.id}`).waitFor()
    await expect.poll(async () => (await api('GET', `/api/records/deals/${deal.id}`)).json().lostReason).toBe('Budget frozen')

    await page.goto(`${BASE}/settings/pipelines?pipeline=${sales.id}`, { waitUntil: 'networkidle' })
    await page.getByTestId('stage-list').waitFor()
    expect(await page.getByTestId(`stage-${second!.name}`).count()).toBe(1)
    await page.screenshot({ path: join(SHOTS, 'bluth-settings-pipelines.png'), fullPage: true })
    expect(problems).toEqual([])
    await close()
  }, 90_000)
})
