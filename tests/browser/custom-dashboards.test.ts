import { mkdirSync, readFileSync } from 'node:fs'
import { inflateSync } from 'node:zlib'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, hit, servers, signIn } from '../support/http'
import { launchChromium, pageWithProblems } from '../support/browser'

// Building a custom dashboard in nakatomi as people do it: create, add two widgets (a bad
// configuration shows its message on the field), drag and resize, save, reload (the layout
// stays), share with a role, and export the grid as a PNG file and as a branded A4 PDF.
const server = servers().find(s => s.name === 'pglite')!
const host = 'nakatomi.localhost'
const SCREENS = '/tmp/atrium-screens'
const SLOW = 240_000
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000 })
const url = (path: string) => `http://${host}:${server.port}${path}`
const name = `Board ${Date.now().toString(36)}`

let browser: Browser
let admin: string

beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true })
  browser = await launchChromium()
  admin = await signIn(server.port, host, 'admin@nakatomi.test')
  // Something to draw.
  for (const [i, source] of (['website', 'event'] as const).entries()) {
    await hit(server.port, host, '/api/records/leads', { method: 'POST', body: { firstName: `Holly${i}`, lastName: 'Gennero', source }, headers: { cookie: admin } })
  }
}, SLOW)
afterAll(async () => browser?.close())

async function signedIn() {
  const p = await pageWithProblems(browser, { viewport: { width: 1366, height: 950 }, acceptDownloads: true })
  await p.page.goto(url('/login'), { waitUntil: 'networkidle' })
  await p.page.getByLabel('Email').fill('admin@nakatomi.test')
  await p.page.getByLabel('Password').fill(DEMO_PASSWORD)
  await p.page.getByRole('button', { name: /sign in/i }).click()
  await p.page.waitForURL(url('/'))
  return p
}

/**
 * Picks an option of the select inside a form field, and waits for its list to close: while it
 * closes it still holds the focus, and typing into the next field would land in its search box.
 */
async function choose(page: Page, field: string, option: string) {
  await page.getByTestId(field.replace('-field-', '-pick-')).click()
  await page.getByRole('option', { name: option, exact: true }).click()
  await poll(async () => page.getByRole('listbox').count()).toBe(0)
}

const layoutOf = async (id: string) => ((await hit(server.port, host, `/api/dashboards/${id}`, { headers: { cookie: admin } })).json() as { widgets: { title: string, layout: { x: number, y: number, w: number, h: number } }[], sharedRoleKeys: string[] })

describe('custom dashboards in Chromium', () => {
  it('creates a dashboard, adds widgets, arranges, saves, shares and exports it', async () => {
    const { page, problems, close } = await signedIn()
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Dashboards', exact: true }).click()
    await page.waitForURL(url('/dashboards'))
    await page.getByTestId('dashboard-new').click()
    await page.getByTestId('dashboard-name-input').fill(name)
    await page.getByRole('button', { name: 'Create', exact: true }).click()
    await page.waitForURL(/\/dashboards\/[0-9a-f-]{36}\?edit=1$/)
    const id = new URL(page.url()).pathname.split('/').pop()!

    // First widget: a pie with no breakdown is refused on the field, then fixed.
    await page.getByTestId('widget-add').click()
    const editor = page.getByTestId('widget-editor')
    await choose(page, 'widget-field-metric', 'New leads')
    await choose(page, 'widget-field-chart', 'Pie')
    await choose(page, 'widget-field-dimension', 'None')
    await page.getByRole('button', { name: 'Add widget', exact: true }).last().click()
    await poll(async () => editor.getByTestId('widget-field-dimension').getByText('A pie chart needs a breakdown').count()).toBe(1)
    await choose(page, 'widget-field-dimension', 'Source')
    await poll(async () => editor.getByTestId('widget-field-dimension').getByText('A pie chart needs a breakdown').count()).toBe(0)
    await page.getByRole('button', { name: 'Add widget', exact: true }).last().click()
    await poll(async () => page.locator('.vgl-item[data-widget-id]').count()).toBe(1)

    // Second widget: leads by month as a bar chart.
    await page.getByTestId('widget-add').click()
    await choose(page, 'widget-field-metric', 'New leads')
    await page.getByTestId('widget-field-title').locator('input').fill('Leads by month')
    await page.getByRole('button', { name: 'Add widget', exact: true }).last().click()
    await poll(async () => page.locator('.vgl-item[data-widget-id]').count()).toBe(2)
    await poll(async () => page.locator('.vgl-item[data-widget-id] canvas').count()).toBeGreaterThanOrEqual(2)
    // The typed title is the widget's, not the metric's name; the editor has closed (its overlay
    // would take the mouse gestures below).
    await poll(async () => page.locator('.vgl-item[data-widget-id]').nth(1).getByText('Leads by month').count()).toBeGreaterThan(0)
    await poll(async () => page.getByRole('dialog').count()).toBe(0)

    // Resize the first widget by its corner handle, wider by two columns (4 to 6).
    const first = page.locator('.vgl-item[data-widget-id]').first()
    const second = page.locator('.vgl-item[data-widget-id]').nth(1)
    const handle = first.locator('.vgl-item__resizer')
    const widthBefore = (await first.boundingBox())!.width
    const h = (await handle.boundingBox())!
    const col = ((await page.getByTestId('dashboard-grid').boundingBox())!.width) / 12
    await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2)
    await page.mouse.down()
    await page.mouse.move(h.x + h.width / 2 + 2 * col, h.y + h.height / 2 + 20, { steps: 12 })
    await page.mouse.up()
    // The grid snaps the item to its new columns before the save may read the layout (slow under load).
    await poll(async () => (await first.boundingBox())!.width).toBeGreaterThan(widthBefore + col)
    // Drag the second one by its grip to the right of the first, on the top row, then save.
    const grip = (await second.getByTestId('widget-drag').boundingBox())!
    const [firstBox, secondBox] = [(await first.boundingBox())!, (await second.boundingBox())!]
    await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2)
    await page.mouse.down()
    await page.mouse.move(grip.x + grip.width / 2 + 6 * col, grip.y + grip.height / 2 - (secondBox.y - firstBox.y), { steps: 16 })
    await page.mouse.up()
    await poll(async () => Math.round((await second.boundingBox())!.y - (await first.boundingBox())!.y)).toBe(0)
    await page.getByTestId('dashboard-save').click()
    await poll(async () => (await layoutOf(id)).widgets.length).toBe(2)
    const saved = await layoutOf(id)
    expect(saved.widgets.map(w => w.layout)).toEqual([{ x: 0, y: 0, w: 6, h: 7 }, { x: 6, y: 0, w: 6, h: 7 }])
    expect(saved.widgets.map(w => w.title)).toEqual(['New leads', 'Leads by month'])

    // Saved, the page leaves edit mode and its address drops ?edit=1.
    await page.waitForURL(u => !new URL(u).searchParams.has('edit'))
    // Reload: the layout is the saved one, in view mode (no resize handles).
    await page.reload({ waitUntil: 'networkidle' })
    await poll(async () => page.locator('.vgl-item[data-widget-id]').count()).toBe(2)
    expect(await page.getByTestId('dashboard-edit').count()).toBe(1)
    expect((await layoutOf(id)).widgets.map(w => w.layout)).toEqual(saved.widgets.map(w => w.layout))
    await page.setViewportSize({ width: page.viewportSize()!.width, height: 1800 })
    await page.screenshot({ path: `${SCREENS}/custom-dashboard.png`, fullPage: true })

    // Share with the first role listed.
    await page.getByTestId('dashboard-menu').click()
    await page.getByRole('menuitem', { name: 'Share…' }).click()
    await page.getByTestId('share-roles').getByRole('switch').first().click()
    await page.getByRole('button', { name: 'Save sharing' }).click()
    await poll(async () => (await layoutOf(id)).sharedRoleKeys.length).toBe(1)

    // Export as PNG: a file named after the dashboard.
    await page.getByTestId('dashboard-menu').click()
    const download = page.waitForEvent('download')
    await page.getByRole('menuitem', { name: 'Export as PNG' }).click()
    const file = await download
    expect(file.suggestedFilename()).toBe(`${name.toLowerCase().replace(/\s+/g, '-')}.png`)
    const pngBytes = readFileSync((await file.path())!).length

    // Export as PDF: an A4 landscape page (the grid is wide) with the dashboard's name and the
    // workspace's in its header, no bigger than a small multiple of the PNG (deflated, not raw pixels).
    await page.getByTestId('dashboard-menu').click()
    const pdfDownload = page.waitForEvent('download')
    await page.getByRole('menuitem', { name: 'Export as PDF' }).click()
    const pdfFile = await pdfDownload
    expect(pdfFile.suggestedFilename()).toBe(`${name.toLowerCase().replace(/\s+/g, '-')}.pdf`)
    await pdfFile.saveAs(`${SCREENS}/custom-dashboard.pdf`)
    const pdf = readFileSync(`${SCREENS}/custom-dashboard.pdf`)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdf.length).toBeLessThan(Math.max(3 * pngBytes, 600_000))
    const raw = pdf.toString('latin1')
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(raw)!
    expect([Math.round(Number(box[1])), Math.round(Number(box[2]))]).toEqual([842, 595]) // A4 landscape, in points
    const texts = [...raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((m) => {
      try {
        return inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1')
      }
      catch {
        return ''
      }
    }).join('\n')
    expect(texts).toContain(`(${name}) Tj`)
    expect(texts).toContain('Nakatomi Trading')
    expect(problems).toEqual([])
    await close()
  }, SLOW)

  it('puts a saved report on a dashboard as a table widget that opens the report', async () => {
    const api = (method: string, path: string, body?: unknown) => hit(server.port, host, path, { method, body, headers: { cookie: admin } })
    const reportName = `Leads by source ${Date.now().toString(36)}`
    const report = await api('POST', '/api/reports', { name: reportName, definition: { source: 'leads', columns: [{ field: 'lastName' }], filters: { q: 'Gennero' }, groupBy: [{ field: 'source' }], aggregates: [{ fn: 'count', label: 'Leads' }], sort: [{ field: 'source', dir: 'asc' }] } })
    expect(report.status, report.body).toBe(201)
    const dashboard = await api('POST', '/api/dashboards', { name: `Reports ${name}` })
    const { page, problems, close } = await signedIn()
    await page.goto(url(`/dashboards/${dashboard.json().id}?edit=1`), { waitUntil: 'networkidle' })
    await page.getByTestId('widget-add').click()
    await choose(page, 'widget-field-kind', 'A saved report')
    // Nothing chosen yet: the report field says so.
    await page.getByRole('button', { name: 'Add widget', exact: true }).last().click()
    await poll(async () => page.getByTestId('widget-field-reportId').getByText('Pick the report to show').count()).toBe(1)
    await choose(page, 'widget-field-reportId', reportName)
    // The title follows the report's name.
    expect(await page.getByTestId('widget-field-title').locator('input').inputValue()).toBe(reportName)
    await page.getByRole('button', { name: 'Add widget', exact: true }).last().click()
    const card = page.locator('.vgl-item[data-widget-id]').first()
    await poll(async () => card.getByTestId('report-row').count()).toBeGreaterThanOrEqual(3) // event, website, the total
    expect(await card.getByTestId('report-table').locator('th').allInnerTexts()).toEqual(['Source', 'Leads'])
    await page.getByTestId('dashboard-save').click()
    await poll(async () => (await layoutOf(dashboard.json().id)).widgets.length).toBe(1)
    expect((await api('GET', `/api/dashboards/${dashboard.json().id}`)).json().widgets[0]).toMatchObject({ title: reportName, chart: 'table', report: { id: report.json().id, rows: 10 } })
    await page.screenshot({ path: `${SCREENS}/dashboard-report-widget.png` })
    // Its link opens the report.
    await card.getByTestId('widget-open-list').click()
    await page.waitForURL(url(`/reports/${report.json().id}`))
    expect(problems).toEqual([])
    await close()
  }, SLOW)
})
