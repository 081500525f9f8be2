import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import type { Browser, ConsoleMessage, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { servers } from '../support/http'

// Screenshots go outside git (test-results/ is ignored).
const SHOTS = join(import.meta.dirname, '../../test-results/screenshots')
const server = servers().find(s => s.name === 'pglite')!

let browser: Browser
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--host-resolver-rules=MAP dash.initech.test 127.0.0.1'],
  })
})
afterAll(async () => browser?.close())

interface Visit {
  primary: string
  logo: string | null
  title: string
  htmlClass: string
  problems: string[]
}

const DEMO_PASSWORD = 'Demo-pass-2026'

/** Signs in through the tenant's login form, as a person would. */
async function signInThroughForm(page: Page, host: string, email: string) {
  await page.goto(`http://${host}:${server.port}/login`, { waitUntil: 'networkidle' })
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(`http://${host}:${server.port}/`)
}

async function visit(host: string, colorScheme: 'light' | 'dark', shot: string, width = 1280): Promise<Visit> {
  const context = await browser.newContext({ colorScheme, viewport: { width, height: 860 } })
  const page = await context.newPage()
  const problems: string[] = []
  const note = (m: ConsoleMessage) => {
    if (m.type() === 'error' || /hydration/i.test(m.text())) problems.push(`${m.type()}: ${m.text()}`)
  }
  page.on('console', note)
  page.on('pageerror', e => problems.push(`pageerror: ${e.message}`))
  await signInThroughForm(page, host, `viewer@${host === 'dash.initech.test' ? 'initech' : host.split('.')[0]}.test`)
  await page.getByTestId('home-kpis').waitFor()
  await page.waitForTimeout(1200) // chart entry animation
  await page.screenshot({ path: join(SHOTS, shot) })
  const result = await page.evaluate(() => ({
    primary: getComputedStyle(document.documentElement).getPropertyValue('--ui-primary').trim(),
    logo: document.querySelector('[data-testid="tenant-logo"]')?.getAttribute('src') ?? null,
    title: document.title,
    htmlClass: document.documentElement.className,
  }))
  await context.close()
  return { ...result, problems }
}

const rgb = (hex: string) => `rgb(${[1, 3, 5].map(i => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ')})`
const sameColour = (css: string, hex: string) => css.toLowerCase() === hex || css === rgb(hex)

describe('tenant brands in Chromium', () => {
  it('acme and globex show their own primary colour, logo and title, without console errors or hydration warnings', async () => {
    const acme = await visit('acme.localhost', 'light', 'acme-light.png')
    const globex = await visit('globex.localhost', 'light', 'globex-light.png')

    expect(acme.problems).toEqual([])
    expect(globex.problems).toEqual([])
    expect(acme.title).toBe('Home · Acme Corporation')
    expect(globex.title).toBe('Home · Globex')
    expect(acme.logo).toBe('/brands/acme/logo.svg')
    expect(globex.logo).toBe('/brands/globex/logo.svg')
    expect(acme.primary).not.toBe(globex.primary)
    // Acme starts light; its primary is shade 500, its brand hex exactly.
    expect(sameColour(acme.primary, '#ea580c'), acme.primary).toBe(true)
  })

  it('each tenant opens in its default colour mode (globex dark, acme light) with no saved choice', async () => {
    const globex = await visit('globex.localhost', 'light', 'globex-default-dark.png')
    const acme = await visit('acme.localhost', 'dark', 'acme-default-light.png')
    expect(globex.htmlClass).toContain('dark')
    expect(acme.htmlClass).toContain('light')
    expect(globex.problems).toEqual([])
  })

  it('a custom domain and a phone-width viewport render the tenant too', async () => {
    const initech = await visit('dash.initech.test', 'dark', 'initech-phone-dark.png', 390)
    expect(initech.problems).toEqual([])
    expect(initech.title).toBe('Home · Initech')
    expect(initech.htmlClass).toContain('dark') // system preference, as the tenant's default is "system"
  })
})

describe('signing in and out in Chromium', () => {
  it('signs in on acme, lands on the branded workspace, and signs out', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } })
    const page = await context.newPage()
    const problems: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error' || /hydration/i.test(m.text())) problems.push(`${m.type()}: ${m.text()}`)
    })

    await page.goto(`http://acme.localhost:${server.port}/`)
    await page.waitForURL(/\/login$/)
    expect(await page.title()).toBe('Sign in · Acme Corporation')

    // A wrong password stays on the page with the API's message.
    await page.getByLabel('Email').fill('admin@acme.test')
    await page.getByLabel('Password').fill('not-the-password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.getByText('Email or password is incorrect').count()).toBe(1)

    await page.getByLabel('Password').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`http://acme.localhost:${server.port}/`)
    await page.getByTestId('home-kpis').waitFor()
    expect(await page.title()).toBe('Home · Acme Corporation')
    await expect.poll(() => page.getByTestId('user-menu').first().textContent()).toContain('Ada Admin')
    await page.screenshot({ path: join(SHOTS, 'acme-signed-in.png') })

    // The admin's settings pages render on the server and hydrate cleanly.
    for (const path of ['/settings/members', '/settings/roles', '/settings/api-keys', '/settings/audit']) {
      await page.goto(`http://acme.localhost:${server.port}${path}`, { waitUntil: 'networkidle' })
      await page.getByRole('table').first().waitFor()
    }
    for (const [path, testId] of [['/settings/teams', 'teams-list'], ['/settings/security', 'session-policy-form'], ['/settings/general', 'general-settings-form'], ['/settings/branding', 'branding-form'], ['/account', 'change-password-form']]) {
      await page.goto(`http://acme.localhost:${server.port}${path}`, { waitUntil: 'networkidle' })
      await page.getByTestId(testId!).waitFor()
    }

    // The session cookie is not readable by scripts.
    expect(await page.evaluate(() => document.cookie)).not.toMatch(/(^|; )session=/)

    await page.getByTestId('user-menu').first().click()
    await page.getByRole('menuitem', { name: 'Sign out' }).click()
    await page.waitForURL(/\/login$/)
    await page.goto(`http://acme.localhost:${server.port}/analytics`)
    await page.waitForURL(/\/login\?redirect=/)
    // The 401 of the failed attempt is the only console error a person could see.
    expect(problems.filter(p => !/401/.test(p))).toEqual([])
    await context.close()
  })
})
