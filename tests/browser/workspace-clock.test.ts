import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hit, servers, signIn } from '../support/http'
import { launchChromium, pageWithProblems, SHOTS } from '../support/browser'

// The home page's "Live · checked …" follows the workspace's clock and time zone (General
// settings), not the browser's: Chromium here runs in en-US, which writes "4:14:06 PM".
// Wayne (general settings) is changed and put back.
const server = servers().find(s => s.name === 'pglite')!
const host = 'wayne.localhost'
const url = (path: string) => `http://${host}:${server.port}${path}`

let browser: Browser
let admin: string
let original: Record<string, unknown>
const put = (body: unknown) => hit(server.port, host, '/api/settings/general', { method: 'PUT', body, headers: { cookie: admin } })

beforeAll(async () => {
  browser = await launchChromium()
  admin = await signIn(server.port, host, 'admin@wayne.test')
  original = (await hit(server.port, host, '/api/settings/general', { headers: { cookie: admin } })).json()
})
afterAll(async () => {
  if (original) expect((await put(original)).status).toBe(200)
  await browser?.close()
})

/** The hour (00–23) in a zone now, and a minute later (the check may straddle the hour). */
const hoursIn = (timeZone: string) => [0, 60_000].map(d => new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(new Date(Date.now() + d)))

describe('the workspace clock in Chromium', () => {
  it.each([
    { timeFormat: '24h', timeZone: 'Asia/Tokyo', mode: 'light', pattern: /^checked (\d{2}):\d{2}:\d{2}$/ },
    { timeFormat: '12h', timeZone: 'America/New_York', mode: 'dark', pattern: /^checked (\d{1,2}):\d{2}:\d{2}\s[AP]M$/ },
  ] as const)('the home page says when it last checked on a $timeFormat clock in $timeZone', async ({ timeFormat, timeZone, mode, pattern }) => {
    expect((await put({ ...original, timeFormat, timeZone })).status).toBe(200)
    const { page, problems, close } = await pageWithProblems(browser, { viewport: { width: 1440, height: 900 }, colorScheme: mode, locale: 'en-US', timezoneId: 'Europe/Lisbon' })
    await page.context().addCookies([
      { name: 'session', value: admin.slice('session='.length), url: url('/'), httpOnly: true, sameSite: 'Lax' },
      { name: 'color-mode', value: mode, url: url('/') },
    ])
    await page.goto(url('/'), { waitUntil: 'networkidle' })
    // "Live · checked …" once the first check has answered.
    const live = page.locator('p[aria-live="polite"]').filter({ hasText: 'checked' })
    await live.waitFor({ timeout: 20_000 })
    const text = /checked .*$/.exec((await live.textContent())!.replace(/\s+/g, ' ').trim())![0]
    const match = pattern.exec(text)
    expect(match, text).not.toBeNull()
    const [now, later] = hoursIn(timeZone)
    const hour = timeFormat === '24h' ? match![1]! : String((Number(match![1]) % 12) + (/PM$/.test(text) ? 12 : 0)).padStart(2, '0')
    expect([now, later]).toContain(hour)
    await page.screenshot({ path: join(SHOTS, `wayne-home-clock-${timeFormat}-${mode}.png`) })
    expect(problems).toEqual([])
    await close()
  })
})
