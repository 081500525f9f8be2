import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, hit, servers, signIn } from '../support/http'
import { launchChromium, pageWithProblems } from '../support/browser'

// The home dashboard in two tenants' brands (acme light, globex dark by default): every chart
// draws on a canvas, in the tenant's colours, with no console error or hydration warning; it
// fits a phone's width; clicking a funnel segment opens the deals behind it. Whatever widgets a
// role has fill every row of the grid (admin and support, desktop, tablet and phone), and the
// pipeline funnel narrows from its first stage.
const server = servers().find(s => s.name === 'pglite')!
const SCREENS = '/tmp/atrium-screens'
const SLOW = 180_000
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000 })
const tag = `H${Date.now().toString(36)}`
const url = (slug: string, path: string) => `http://${slug}.localhost:${server.port}${path}`

let browser: Browser
const colours: Record<string, string> = {}
const expected: Record<string, { kpis: number, charts: number }> = {}

/** A few deals, leads and tickets through the API, so every chart has something to draw. */
async function seed(slug: string) {
  const host = `${slug}.localhost`
  const cookie = await signIn(server.port, host, `admin@${slug}.test`)
  // A module the tenant's plan leaves out answers 404: its charts are not on the page either.
  const api = async (path: string, body: unknown) => {
    const res = await hit(server.port, host, path, { method: 'POST', body, headers: { cookie } })
    expect([201, 404], `${path} ${res.body}`).toContain(res.status)
  }
  const pipelines = (await hit(server.port, host, '/api/pipelines', { headers: { cookie } })).json()
  const list = (Array.isArray(pipelines) ? pipelines : pipelines.items) as { id: string, stages: { id: string }[] }[]
  const pipeline = list[0]!
  const nextMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)
  // Later stages hold more open deals than Prospecting (1, 2, 3): drawn per stage, the funnel would widen.
  for (const [i, stage] of pipeline.stages.slice(0, 3).entries()) {
    for (let n = 0; n <= i; n++) {
      await api('/api/records/deals', { name: `${tag} deal ${i}.${n}`, pipelineId: pipeline.id, stageId: stage.id, amountMinor: (i + 1) * 250_000, expectedCloseDate: nextMonth, source: 'referral' })
    }
  }
  for (const [i, source] of (['website', 'referral', 'event'] as const).entries()) {
    await api('/api/records/leads', { firstName: `Lead${i}`, lastName: tag, source })
  }
  for (const priority of ['low', 'high', 'urgent'] as const) {
    await api('/api/records/tickets', { subject: `${tag} ticket ${priority}`, priority })
  }
  // What the page should show: the charts and KPIs the API answers for this admin.
  const home = (await hit(server.port, host, '/api/analytics/home', { headers: { cookie } })).json() as { kpis: object, charts: Record<string, unknown> }
  expected[slug] = { kpis: Object.keys(home.kpis).length, charts: ['funnel', 'revenue', 'dealsByOwner', 'leadSources', 'ticketVolume', 'heatmap'].filter(k => home.charts[k]).length }
}

async function signedIn(slug: string, opts: { width?: number, dark?: boolean, role?: string } = {}) {
  const p = await pageWithProblems(browser, { viewport: { width: opts.width ?? 1366, height: 900 } })
  // Name the address of a resource that failed to resolve (the console line does not).
  p.page.on('requestfailed', (r) => {
    if (/NAME_NOT_RESOLVED/.test(r.failure()?.errorText ?? '')) p.problems.push(`requestfailed: ${r.url()}`)
  })
  if (opts.dark !== undefined) await p.page.context().addCookies([{ name: 'color-mode', value: opts.dark ? 'dark' : 'light', url: url(slug, '/') }])
  await p.page.goto(url(slug, '/login'), { waitUntil: 'networkidle' })
  await p.page.getByLabel('Email').fill(`${opts.role ?? 'admin'}@${slug}.test`)
  await p.page.getByLabel('Password').fill(DEMO_PASSWORD)
  await p.page.getByRole('button', { name: /sign in/i }).click()
  await p.page.waitForURL(url(slug, '/'))
  return p
}

/** Waits until every chart card has drawn its canvas; answers how many there are. */
async function chartsDrawn(page: Page) {
  const cards = page.locator('[data-testid="widget-card"]')
  await poll(async () => cards.count()).toBeGreaterThanOrEqual(4)
  const n = await cards.count()
  await poll(async () => page.locator('[data-testid="widget-card"] canvas').count()).toBeGreaterThanOrEqual(n)
  return n
}

/** The first series colour a chart was drawn with, and the theme's primary. */
const seriesColour = (page: Page) => page.locator('[data-testid="widget-chart"]').first().getAttribute('data-series-color')

/**
 * Each row of a home grid (KPIs or charts), as the gaps between its widgets and the grid's left
 * and right edges, in whole pixels: a full row is { left: 0, right: 0 }.
 */
const rowGaps = (page: Page, testid: string) => page.evaluate((id) => {
  const grid = document.querySelector(`[data-testid="${id}"]`)!
  const g = grid.getBoundingClientRect()
  const rows = new Map<number, { left: number, right: number, n: number }>()
  for (const el of grid.children) {
    const r = el.getBoundingClientRect()
    const row = rows.get(Math.round(r.top)) ?? { left: Infinity, right: -Infinity, n: 0 }
    rows.set(Math.round(r.top), { left: Math.min(row.left, r.left), right: Math.max(row.right, r.right), n: row.n + 1 })
  }
  return [...rows.values()].map(r => ({ left: Math.round(r.left - g.left), right: Math.round(g.right - r.right), widgets: r.n }))
}, testid)

/** Waits until every chart's canvas has its card's width (ECharts resizes a moment after the page). */
async function chartsSized(page: Page) {
  await poll(async () => page.evaluate(() => [...document.querySelectorAll('[data-testid="widget-chart"]')]
    .every(el => Math.abs((el.querySelector('canvas')?.clientWidth ?? 0) - el.clientWidth) <= 1))).toBe(true)
}

/**
 * The funnel's left edge on each pixel row of its canvas (the leftmost painted pixel in its left
 * half; segments are centred, so a narrower segment starts further right), gaps left out.
 */
const funnelEdges = (page: Page) => page.evaluate(() => {
  const canvas = document.querySelector<HTMLCanvasElement>('[data-chart-key="funnel"] canvas')!
  const ctx = canvas.getContext('2d')!
  const { width, height } = canvas
  const pixels = ctx.getImageData(0, 0, width, height).data
  const edges: number[] = []
  for (let y = 0; y < height; y++) {
    let x = 0
    while (x < width / 2 && pixels[(y * width + x) * 4 + 3] === 0) x++
    if (x < width / 2) edges.push(x)
  }
  return edges
})

beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true })
  browser = await launchChromium()
  await seed('acme')
  await seed('globex')
  await seed('nakatomi')
}, SLOW)
afterAll(async () => browser?.close())

describe('home dashboard in Chromium', () => {
  it.each([
    { slug: 'acme', dark: false },
    { slug: 'globex', dark: true },
  ])('draws every chart in $slug\'s colours with no console error', async ({ slug, dark }) => {
    const { page, problems, close } = await signedIn(slug)
    expect(expected[slug]!.charts).toBeGreaterThanOrEqual(4)
    expect(await chartsDrawn(page)).toBe(expected[slug]!.charts)
    expect(await page.locator('[data-testid="home-kpis"] [data-testid="widget-kpi"]').count()).toBe(expected[slug]!.kpis)
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(dark)
    // Each chart says itself in words too.
    expect(await page.locator('[data-testid="widget-summary"]').first().textContent()).toMatch(/in total/)
    colours[slug] = (await seriesColour(page))!
    expect(colours[slug]).toMatch(/^#|^rgb|^oklch/)
    await page.setViewportSize({ width: page.viewportSize()!.width, height: 1800 })
    await page.screenshot({ path: `${SCREENS}/home-${slug}-${dark ? 'dark' : 'light'}.png`, fullPage: true })
    expect(problems).toEqual([])
    await close()
  }, SLOW)

  it('uses different series colours per tenant and per colour mode', async () => {
    expect(colours.acme).toBeTruthy()
    expect(colours.globex).toBeTruthy()
    expect(colours.acme).not.toBe(colours.globex)
    const { page, problems, close } = await signedIn('acme', { dark: true })
    await chartsDrawn(page)
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true)
    const acmeDark = await seriesColour(page)
    expect(acmeDark).not.toBe(colours.acme)
    await page.setViewportSize({ width: page.viewportSize()!.width, height: 1800 })
    await page.screenshot({ path: `${SCREENS}/home-acme-dark.png`, fullPage: true })
    expect(problems).toEqual([])
    await close()
  }, SLOW)

  it('fits a 375 px phone with no horizontal scroll', async () => {
    const { page, problems, close } = await signedIn('globex', { width: 375 })
    await chartsDrawn(page)
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0)
    await page.setViewportSize({ width: page.viewportSize()!.width, height: 1800 })
    await page.screenshot({ path: `${SCREENS}/home-globex-phone.png`, fullPage: true })
    expect(problems).toEqual([])
    await close()
  }, SLOW)

  it('refreshes a KPI when a record behind it is created (live revisions)', async () => {
    const { page, problems, close } = await signedIn('acme')
    await chartsDrawn(page)
    const leads = page.locator('[data-testid="home-kpis"] [data-testid="widget-kpi"]').filter({ hasText: 'New leads' }).locator('p').nth(1)
    const before = Number(await leads.textContent())
    const cookie = await signIn(server.port, 'acme.localhost', 'admin@acme.test')
    expect((await hit(server.port, 'acme.localhost', '/api/records/leads', { method: 'POST', body: { firstName: 'Live', lastName: tag, source: 'event' }, headers: { cookie } })).status).toBe(201)
    // The page polls every 15 s; no reload.
    await expect.poll(async () => Number(await leads.textContent()), { timeout: 45_000 }).toBe(before + 1)
    expect(problems).toEqual([])
    await close()
  }, SLOW)

  it.each([
    { slug: 'acme', role: 'admin', dark: false },
    { slug: 'acme', role: 'support', dark: true },
    { slug: 'nakatomi', role: 'admin', dark: true },
    { slug: 'nakatomi', role: 'support', dark: false },
    { slug: 'acme', role: 'admin', dark: true },
    { slug: 'nakatomi', role: 'admin', dark: false },
  ])('fills every row of the grid for $slug\'s $role (dark: $dark) at 1440, 1024 and 390 px', async ({ slug, role, dark }) => {
    const cookie = await signIn(server.port, `${slug}.localhost`, `${role}@${slug}.test`)
    const home = (await hit(server.port, `${slug}.localhost`, '/api/analytics/home', { headers: { cookie } })).json() as { kpis: object, charts: Record<string, unknown> }
    const charts = ['funnel', 'revenue', 'dealsByOwner', 'leadSources', 'ticketVolume', 'heatmap'].filter(k => home.charts[k]).length
    // Support sees tickets and tasks (three KPIs) and the timeline; an admin sees everything.
    expect(Object.keys(home.kpis).length).toBe(role === 'support' ? 3 : 8)
    const { page, problems, close } = await signedIn(slug, { role, dark, width: 1440 })
    const cards = page.locator('[data-testid="home-charts"] [data-testid="widget-card"]')
    await poll(async () => cards.count()).toBe(charts)
    // Each card drawn: its canvas, or the empty state when its period holds nothing.
    await poll(async () => page.locator('[data-testid="home-charts"] canvas, [data-testid="home-charts"] [data-testid="widget-empty"]').count()).toBeGreaterThanOrEqual(charts)
    expect(await page.getByTestId('home-kpi').count()).toBe(Object.keys(home.kpis).length)
    for (const width of [1440, 1024, 390]) {
      await page.setViewportSize({ width, height: 900 })
      await chartsSized(page)
      for (const grid of ['home-kpis', 'home-charts']) {
        const rows = await rowGaps(page, grid)
        expect(rows.length, `${grid} at ${width}`).toBeGreaterThan(0)
        for (const row of rows) expect({ left: row.left, right: row.right }, `${grid} at ${width}: ${JSON.stringify(rows)}`).toEqual({ left: 0, right: 0 })
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0)
      if (width !== 1024) {
        // Tall enough for the whole page (the workspace scrolls inside its shell, not the window).
        await page.setViewportSize({ width, height: 2400 })
        await chartsSized(page)
        await page.screenshot({ path: `${SCREENS}/home-grid-${slug}-${role}-${dark ? 'dark' : 'light'}-${width}.png`, fullPage: true })
      }
    }
    expect(problems).toEqual([])
    await close()
  }, SLOW)

  it('draws the pipeline as a funnel that narrows from its first stage, labelled beside it', async () => {
    const { page, problems, close } = await signedIn('acme', { width: 1440 })
    await chartsDrawn(page)
    await chartsSized(page)
    const card = page.locator('[data-chart-key="funnel"]')
    expect(await card.getByTestId('widget-description').textContent()).toMatch(/reached each stage/)
    // Drawn per stage, the seeded deals (1, 2 and 3 in the first three stages) would widen it:
    // each stage's left edge must sit at or right of the one above (once the animation is over).
    let last = ''
    await poll(async () => {
      const now = JSON.stringify(await funnelEdges(page))
      const settled = now === last
      last = now
      return settled
    }).toBe(true)
    const edges = JSON.parse(last) as number[]
    expect(edges.length).toBeGreaterThan(100)
    const widening = edges.flatMap((x, i) => (i > 0 && x < edges[i - 1]! - 1 ? [`row ${i}: ${edges[i - 1]} → ${x}`] : []))
    expect(widening).toEqual([])
    await card.screenshot({ path: `${SCREENS}/home-funnel-acme.png` })
    expect(problems).toEqual([])
    await close()
  }, SLOW)

  it('keeps the range in the address and opens the deals of a funnel stage on click', async () => {
    const { page, problems, close } = await signedIn('acme')
    await chartsDrawn(page)
    await page.getByTestId('range-picker').click()
    await page.getByRole('button', { name: 'Last 90 days' }).click()
    await page.waitForURL(/range=90d/)
    await chartsDrawn(page)
    // A reversed custom range is refused on its field.
    await page.getByTestId('range-picker').click()
    const custom = page.getByTestId('range-custom')
    await custom.locator('input[type="date"]').nth(0).fill('2026-05-10')
    await custom.locator('input[type="date"]').nth(1).fill('2026-05-01')
    await custom.getByRole('button', { name: 'Apply' }).click()
    await poll(async () => custom.getByText('must not end before it starts').count()).toBe(1)
    await page.keyboard.press('Escape')
    // The funnel's first stage, drawn at the top of its canvas (the funnel takes its left half).
    const canvas = page.locator('[data-chart-key="funnel"] canvas').first()
    const box = (await canvas.boundingBox())!
    await canvas.click({ position: { x: box.width * 0.28, y: 16 } })
    await page.waitForURL(/\/deals\?.*stageId=/)
    expect(problems).toEqual([])
    await close()
  }, SLOW)
})
