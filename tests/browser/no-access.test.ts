import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { servers, signIn } from '../support/http'
import { launchChromium, pageWithProblems, SHOTS } from '../support/browser'

// A viewer opens a settings page beyond the role: the page says so, in the workspace's brand,
// and names the admins to ask; it hydrates cleanly. Two brands, light and dark, and a phone.
const server = servers().find(s => s.name === 'pglite')!
const url = (slug: string, path: string) => `http://${slug}.localhost:${server.port}${path}`

let browser: Browser
const cookies: Record<string, string> = {}
beforeAll(async () => {
  browser = await launchChromium()
  for (const slug of ['acme', 'globex']) cookies[slug] = await signIn(server.port, `${slug}.localhost`, `viewer@${slug}.test`)
})
afterAll(async () => browser?.close())

describe('a page beyond the role in Chromium', () => {
  it.each([
    { slug: 'acme', mode: 'light', width: 1280, height: 860 },
    { slug: 'globex', mode: 'dark', width: 1280, height: 860 },
    { slug: 'globex', mode: 'light', width: 390, height: 844 },
  ] as const)('says "no access" and whom to ask ($slug, $mode, $width)', async ({ slug, mode, width, height }) => {
    const { page, problems, close } = await pageWithProblems(browser, { viewport: { width, height }, colorScheme: mode })
    await page.context().addCookies([
      { name: 'session', value: cookies[slug]!.slice('session='.length), url: url(slug, '/'), httpOnly: true, sameSite: 'Lax' },
      { name: 'color-mode', value: mode, url: url(slug, '/') },
    ])
    const res = await page.goto(url(slug, '/settings/members'), { waitUntil: 'networkidle' })
    expect(res?.status()).toBe(403)
    await page.getByRole('heading', { name: 'You don\'t have access to this page' }).waitFor()
    const contacts = page.getByTestId('no-access-contacts')
    expect(await contacts.textContent()).toContain('Ada Admin')
    expect(await contacts.getByRole('link', { name: `admin@${slug}.test` }).getAttribute('href')).toBe(`mailto:admin@${slug}.test`)
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await page.screenshot({ path: join(SHOTS, `no-access-${slug}-${mode}-${width}.png`) })
    // The document's own 403, and Nuxt logging the middleware's error as it hydrates an error page
    // (it does so for a 404 alike), are the answer itself, not problems of the page.
    expect(problems.filter(p => !/status of 403|error caught during app initialization .*No access/.test(p))).toEqual([])
    await close()
  })
})
