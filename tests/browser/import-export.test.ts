import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hit, servers, signIn } from '../support/http'
import { launchChromium, pageWithProblems, SHOTS } from '../support/browser'

// Import and export on a record list as people use them (monsters): a CSV with a bad row is
// checked and refused, the fixed file imports, the list shows it; the view exports as CSV.
const server = servers().find(s => s.name === 'pglite')!
const host = 'monsters.localhost'
const url = (path: string) => `http://${host}:${server.port}${path}`
const tag = `IOB${Date.now().toString(36)}`
const SLOW = 180_000
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 })

let browser: Browser
let admin: string

beforeAll(async () => {
  browser = await launchChromium()
  admin = await signIn(server.port, host, 'admin@monsters.test')
})
afterAll(async () => browser?.close())

const csv = (employees: string) => `Name,Industry,Employees\n${tag} Boo,Doors,3\n${tag} Sulley,Scaring,${employees}\n${tag} Mike,Comedy,1\n`

describe('import and export in Chromium', () => {
  it('imports a CSV through the wizard (a bad row is reported, the fixed file imports) and exports the view as CSV', async () => {
    const { page, problems, close } = await pageWithProblems(browser, { viewport: { width: 1280, height: 900 }, acceptDownloads: true })
    await page.goto(url('/login'), { waitUntil: 'networkidle' })
    await page.getByLabel('Email').fill('admin@monsters.test')
    await page.getByLabel('Password').fill('Demo-pass-2026')
    await page.getByRole('button', { name: /sign in/i }).click()
    await page.waitForURL(url('/'))
    await page.goto(url(`/accounts?q=${tag}`), { waitUntil: 'networkidle' })

    // A file with one bad row: the mapping is suggested from the headers, the check names the line.
    await page.getByTestId('import-open').click()
    await page.getByTestId('import-file').setInputFiles({ name: 'monsters.csv', mimeType: 'text/csv', buffer: Buffer.from(csv('many')) })
    await poll(async () => page.getByTestId('import-mapping').count()).toBe(1)
    await page.getByTestId('import-check').click()
    await poll(async () => page.getByTestId('import-error-row').count()).toBe(1)
    expect(await page.getByTestId('import-error-row').textContent()).toContain('Line 3')
    expect(await page.getByTestId('import-commit').count()).toBe(0)
    await page.screenshot({ path: join(SHOTS, 'import-report-errors.png'), fullPage: true })

    // The fixed file: every row valid, then imported; the list shows the three.
    await page.getByTestId('import-restart').click()
    await page.getByTestId('import-file').setInputFiles({ name: 'monsters.csv', mimeType: 'text/csv', buffer: Buffer.from(csv('12')) })
    await poll(async () => page.getByTestId('import-mapping').count()).toBe(1)
    await page.getByTestId('import-check').click()
    await poll(async () => page.getByTestId('import-commit').count()).toBe(1)
    await page.getByTestId('import-commit').click()
    await poll(async () => page.getByTestId('records-table-accounts').locator('tbody tr').filter({ hasText: tag }).count()).toBe(3)
    const listed = await hit(server.port, host, `/api/records/accounts?q=${tag}`, { headers: { cookie: admin } })
    expect(listed.json().total).toBe(3)

    // Export the view as CSV: a download named after the type, holding the three rows.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-open').click().then(() => page.getByRole('menuitem', { name: /CSV/ }).click()),
    ])
    expect(download.suggestedFilename()).toMatch(/^accounts-\d{4}-\d{2}-\d{2}\.csv$/)
    const text = readFileSync((await download.path())!, 'utf8')
    expect(text.trim().split('\n')).toHaveLength(4)
    for (const name of ['Boo', 'Sulley', 'Mike']) expect(text).toContain(`${tag} ${name}`)

    expect(problems).toEqual([])
    await close()
  }, SLOW)
})
