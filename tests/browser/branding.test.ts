import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { servers } from '../support/http'
import { pngImage } from '../support/images'

// An admin rebrands Wayne (a test-only tenant) through the Branding page, watching the preview,
// and the workspace looks different afterwards. Screenshots go outside git (test-results/).
const SHOTS = join(import.meta.dirname, '../../test-results/screenshots')
const server = servers().find(s => s.name === 'pglite')!
const BASE = `http://wayne.localhost:${server.port}`

let browser: Browser
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
})
afterAll(async () => browser?.close())

/** The brand mark's colour and the logo the workspace shell shows right now. */
async function brandLook(page: Page) {
  await page.goto(`${BASE}/`, { waitUntil: 'networkidle' })
  return page.evaluate(() => {
    const probe = document.createElement('div')
    probe.className = 'bg-primary'
    document.body.append(probe)
    const primary = getComputedStyle(probe).backgroundColor
    probe.remove()
    return { primary, logo: document.querySelector('[data-testid="tenant-logo"]')?.getAttribute('src') ?? null }
  })
}

describe('branding in Chromium', () => {
  it('an admin edits the brand with a live preview, saves, and the workspace changes colour and logo', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, colorScheme: 'light' })
    const page = await context.newPage()
    const problems: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error' || /hydration/i.test(m.text())) problems.push(`${m.type()}: ${m.text()}`)
    })
    page.on('pageerror', e => problems.push(`pageerror: ${e.message}`))

    await page.goto(`${BASE}/login`, { waitUntil: 'networkidle' })
    await page.getByLabel('Email').fill('admin@wayne.test')
    await page.getByLabel('Password').fill('Demo-pass-2026')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${BASE}/`)

    const before = await brandLook(page)
    const beforeShot = await page.screenshot({ path: join(SHOTS, 'wayne-before.png') })

    await page.goto(`${BASE}/settings/branding`, { waitUntil: 'networkidle' })
    const previewButton = page.getByTestId('brand-preview-light').getByText('New deal')
    const previewBefore = await previewButton.evaluate(el => getComputedStyle(el).backgroundColor)
    const next = before.primary === 'rgb(22, 163, 74)' ? '#db2777' : '#16a34a'
    await page.locator('input[data-testid="color-primary"], [data-testid="color-primary"] input').fill(next)
    // The preview follows before anything is saved.
    await expect.poll(() => previewButton.evaluate(el => getComputedStyle(el).backgroundColor)).not.toBe(previewBefore)
    expect(await previewButton.evaluate(el => getComputedStyle(el).backgroundColor)).toBe(next === '#16a34a' ? 'rgb(22, 163, 74)' : 'rgb(219, 39, 119)')

    await page.getByTestId('asset-logo-input').setInputFiles({ name: 'wayne.png', mimeType: 'image/png', buffer: pngImage(96, 96, [250, 204, 21]) })
    await expect.poll(() => page.getByTestId('asset-logo-image').getAttribute('src')).toMatch(/^\/assets\/brand\//)
    await page.getByTestId('branding-save').click()
    await page.getByText('Brand saved').first().waitFor()
    await page.screenshot({ path: join(SHOTS, 'wayne-branding-page.png'), fullPage: true })

    const after = await brandLook(page)
    const afterShot = await page.screenshot({ path: join(SHOTS, 'wayne-after.png') })
    expect(after.primary).not.toBe(before.primary)
    expect(after.primary).toBe(next === '#16a34a' ? 'rgb(22, 163, 74)' : 'rgb(219, 39, 119)')
    expect(after.logo).toMatch(/^\/assets\/brand\/.+\.png$/)
    expect(after.logo).not.toBe(before.logo)
    expect(afterShot.equals(beforeShot)).toBe(false)
    // The uploaded logo really loads.
    expect(await page.getByTestId('tenant-logo').first().evaluate(img => (img as HTMLImageElement).naturalWidth)).toBe(96)
    expect(problems).toEqual([])
    await context.close()
  })

  it('a colour mode chosen on a settings page holds on every page, after a reload too', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' })
    const page = await context.newPage()
    await page.goto(`${BASE}/login`, { waitUntil: 'networkidle' })
    await page.getByLabel('Email').fill('viewer@wayne.test')
    await page.getByLabel('Password').fill('Demo-pass-2026')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${BASE}/`)
    // A page one folder down: the colour-mode module alone would scope its cookie to /account.
    await page.goto(`${BASE}/account/two-factor`, { waitUntil: 'networkidle' })
    await page.getByRole('radio', { name: 'Dark' }).first().click()
    await expect.poll(() => page.evaluate(() => document.documentElement.className)).toContain('dark')
    for (const path of ['/', '/account', '/account/two-factor']) {
      await page.goto(`${BASE}${path}`, { waitUntil: 'networkidle' })
      expect(await page.evaluate(() => document.documentElement.className), path).toContain('dark')
    }
    const cookies = (await context.cookies()).filter(c => c.name === 'color-mode')
    expect(cookies.map(c => [c.path, c.value])).toEqual([['/', 'dark']])
    await context.close()
  })
})
