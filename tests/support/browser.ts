import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'

/** Where browser tests put their screenshots (outside git). */
export const SHOTS = join(import.meta.dirname, '../../test-results/screenshots')

/** Debian's Chromium, headless, as every browser test runs it. */
export function launchChromium(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true })
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
}

/** A fresh page that records console errors, page errors and hydration warnings. */
export async function pageWithProblems(browser: Browser, options: BrowserContextOptions = {}): Promise<{ page: Page, problems: string[], close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, ...options })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' || /hydration/i.test(m.text())) problems.push(`${m.type()}: ${m.text()}`)
  })
  page.on('pageerror', e => problems.push(`pageerror: ${e.message}`))
  return { page, problems, close: () => context.close() }
}
