import { join } from 'node:path'
import type { Browser, Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { servers, signIn } from '../support/http'
import { launchChromium, pageWithProblems, SHOTS } from '../support/browser'

// Settings → General as an admin sees it: the working-days row stays inside its card on a wide
// screen and on a phone (it ran past the card and the window: "Sunday" was cut off at 1440×900).
// Two brands (acme, globex), light and dark; read-only, so the shared servers are left as found.
const server = servers().find(s => s.name === 'pglite')!
const url = (slug: string, path: string) => `http://${slug}.localhost:${server.port}${path}`
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

let browser: Browser
const cookies: Record<string, string> = {}
beforeAll(async () => {
  browser = await launchChromium()
  for (const slug of ['acme', 'globex']) cookies[slug] = await signIn(server.port, `${slug}.localhost`, `admin@${slug}.test`)
})
afterAll(async () => browser?.close())

async function box(locator: Locator) {
  const b = await locator.boundingBox()
  expect(b, 'element has no box').not.toBeNull()
  return b!
}

describe('Settings → General in Chromium', () => {
  it.each([
    { slug: 'acme', width: 1440, height: 900, mode: 'light' },
    { slug: 'globex', width: 1440, height: 900, mode: 'dark' },
    { slug: 'acme', width: 390, height: 844, mode: 'dark' },
    { slug: 'globex', width: 390, height: 844, mode: 'light' },
  ] as const)('every working day\'s checkbox and label sits inside the card ($slug, $width×$height, $mode)', async ({ slug, width, height, mode }) => {
    const { page, problems, close } = await pageWithProblems(browser, { viewport: { width, height }, colorScheme: mode })
    await page.context().addCookies([
      { name: 'session', value: cookies[slug]!.slice('session='.length), url: url(slug, '/'), httpOnly: true, sameSite: 'Lax' },
      { name: 'color-mode', value: mode, url: url(slug, '/') },
    ])
    await page.goto(url(slug, '/settings/general'), { waitUntil: 'networkidle' })
    const days = page.getByTestId('working-days')
    await days.waitFor()
    // The card that holds the form (SettingsSection's UCard).
    const card = await box(page.getByTestId('general-settings-form').locator('xpath=ancestor::div[contains(@class, "rounded")][1]'))
    expect(card.x + card.width).toBeLessThanOrEqual(width)
    for (const day of DAYS) {
      for (const part of [days.getByRole('checkbox', { name: day, exact: true }), days.getByText(day, { exact: true })]) {
        const b = await box(part)
        expect(b.x, `${day} starts inside the card`).toBeGreaterThanOrEqual(card.x)
        expect(b.x + b.width, `${day} ends inside the card`).toBeLessThanOrEqual(card.x + card.width)
        expect(b.y + b.height).toBeLessThanOrEqual(card.y + card.height)
      }
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await days.scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SHOTS, `settings-general-${slug}-${width}-${mode}.png`) })
    expect(problems).toEqual([])
    await close()
  })
})
