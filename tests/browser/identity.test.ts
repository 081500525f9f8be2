import { join } from 'node:path'
import { mkdirSync } from 'node:fs'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hit, servers, signIn } from '../support/http'
import { linkToken, waitForMail } from '../support/mail'
import { newMember } from '../support/members'
import { totpCode } from '../support/totp'

// People's identity flows as they meet them in Chromium: joining by invitation, building a custom
// role, and the platform's super admin console.
const SHOTS = join(import.meta.dirname, '../../test-results/screenshots')
const server = servers().find(s => s.name === 'pglite')!
const url = (host: string, path: string) => `http://${host}:${server.port}${path}`

let browser: Browser
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
})
afterAll(async () => browser?.close())

/** A fresh page that records console errors and hydration warnings. */
async function newPage(): Promise<{ page: Page, problems: string[], close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' || /hydration/i.test(m.text())) problems.push(`${m.type()}: ${m.text()}`)
  })
  page.on('pageerror', e => problems.push(`pageerror: ${e.message}`))
  return { page, problems, close: () => context.close() }
}

describe('identity in Chromium', () => {
  it('an invited person opens the mailed link, sets a password and lands in the workspace', async () => {
    const email = `browser-joiner-${Date.now()}@acme.test`
    const admin = await signIn(server.port, 'acme.localhost', 'admin@acme.test')
    const since = Date.now() - 1000
    const invited = await hit(server.port, 'acme.localhost', '/api/members/invitations', { method: 'POST', body: { email, name: 'Jo Joiner', role: 'member' }, headers: { cookie: admin } })
    expect(invited.status).toBe(201)
    const token = linkToken(await waitForMail(email, since))

    const { page, problems, close } = await newPage()
    await page.goto(url('acme.localhost', `/accept-invitation?token=${token}`), { waitUntil: 'networkidle' })
    expect(await page.title()).toBe('Join the workspace · Acme Corporation')
    // The name the admin typed is filled in, and the address is named.
    expect(await page.getByLabel('Your name').inputValue()).toBe('Jo Joiner')
    expect(await page.getByText(`You are invited as ${email}`).count()).toBe(1)
    await page.getByLabel('Your name').fill('Jo Joiner')
    await page.getByLabel('New password').fill('Joiner-password-2026')
    // A mismatch is caught on the field before anything is sent.
    await page.getByLabel('Repeat the password').fill('Something-else-2026')
    await page.getByRole('button', { name: 'Join the workspace' }).click()
    await expect.poll(() => page.getByText('The passwords do not match').count()).toBe(1)

    await page.getByLabel('Repeat the password').fill('Joiner-password-2026')
    await page.getByRole('button', { name: 'Join the workspace' }).click()
    await page.waitForURL(url('acme.localhost', '/'))
    await expect.poll(() => page.getByTestId('user-menu').first().textContent()).toContain('Jo Joiner')
    await page.screenshot({ path: join(SHOTS, 'acme-joined.png') })

    // The link worked once: opening it again says so at once, with the API's message, and offers no form.
    await page.goto(url('acme.localhost', `/accept-invitation?token=${token}`), { waitUntil: 'networkidle' })
    await expect.poll(() => page.getByText(/link is invalid, was already used, or has expired/).count()).toBe(1)
    expect(await page.getByLabel('Your name').count()).toBe(0)
    expect(problems.filter(p => !/\b400\b/.test(p))).toEqual([])
    await close()
  })

  it('an admin builds a custom role from the permission matrix, then deletes it', async () => {
    const name = `Auditors ${Date.now()}`
    const { page, problems, close } = await newPage()
    await page.goto(url('acme.localhost', '/login'), { waitUntil: 'networkidle' })
    await page.getByLabel('Email').fill('admin@acme.test')
    await page.getByLabel('Password').fill('Demo-pass-2026')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(url('acme.localhost', '/'))

    await page.goto(url('acme.localhost', '/settings/roles'), { waitUntil: 'networkidle' })
    await page.getByRole('button', { name: 'New role' }).click()
    const dialog = page.getByRole('dialog')
    // Creating with no name is caught on the field.
    await dialog.getByRole('button', { name: 'Create role' }).click()
    await expect.poll(() => dialog.getByText('Give the role a name').count()).toBe(1)
    await dialog.getByLabel('Name').fill(name)
    // The message goes once the field is fixed (after the form's short input delay).
    await expect.poll(() => dialog.getByText('Give the role a name').count()).toBe(0)
    await dialog.getByLabel('Audit log: read').click()
    await dialog.getByLabel('Audit log: export').click()
    await expect.poll(() => dialog.getByText('2 permissions granted.').count()).toBe(1)
    await page.screenshot({ path: join(SHOTS, 'acme-role-editor.png') })
    await dialog.getByRole('button', { name: 'Create role' }).click()

    const row = page.getByRole('row', { name: new RegExp(name) })
    await row.waitFor()
    expect(await row.textContent()).toContain('2 of')
    // What the page shows is what the API stored.
    const cookie = (await page.context().cookies()).find(c => c.name === 'session')!
    const roles = (await hit(server.port, 'acme.localhost', '/api/roles', { headers: { cookie: `session=${cookie.value}` } })).json()
    expect(roles.find((r: { name: string }) => r.name === name).permissions.sort()).toEqual(['audit:export', 'audit:read'])

    await row.getByRole('button', { name: `Delete ${name}` }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Delete role' }).click()
    await expect.poll(() => page.getByRole('row', { name: new RegExp(name) }).count()).toBe(0)
    expect(problems).toEqual([])
    await close()
  })

  it('a super admin signs in at /admin, sets up two-factor first, sees the tenants, and signs out', async () => {
    const { page, problems, close } = await newPage()
    await page.goto(url('localhost', '/admin'))
    await page.waitForURL(url('localhost', '/admin/login'))
    await page.getByLabel('Email').fill('super3@atrium.test')
    await page.getByLabel('Password').fill('Demo-pass-2026')
    await page.getByRole('button', { name: 'Sign in' }).click()
    // Super admins always use two-factor: the first sign-in leads to its set-up, nowhere else.
    await page.waitForURL(url('localhost', '/admin/two-factor'))
    await page.getByTestId('mfa-required-banner').waitFor()
    await page.getByRole('button', { name: 'Set up two-factor' }).click()
    await page.getByTestId('totp-qr').locator('svg').waitFor()
    const secret = (await page.getByTestId('two-factor-card').locator('code').textContent())!.trim()
    await page.getByLabel('Code from your app').fill(totpCode(secret))
    await page.getByRole('button', { name: 'Turn on' }).click()
    await page.getByRole('link', { name: 'Go to the console' }).click()
    await page.waitForURL(url('localhost', '/admin'))
    await page.getByRole('link', { name: 'Tenants' }).first().click()
    await page.waitForURL(url('localhost', '/admin/tenants'))
    const table = page.getByTestId('tenants-table')
    await table.waitFor()
    const rows = table.locator('tbody tr')
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(4) // the demo tenants
    expect(await table.textContent()).toContain('dash.initech.test')

    await page.getByLabel('Search tenants').fill('umbr')
    await expect.poll(() => rows.count()).toBe(1)
    expect(await table.textContent()).toMatch(/Umbrella Corporation.*suspended/i)
    await page.screenshot({ path: join(SHOTS, 'platform-tenants.png') })

    await page.getByTestId('user-menu').click()
    await page.getByRole('menuitem', { name: 'Sign out' }).click()
    await page.waitForURL(url('localhost', '/admin/login'))
    await page.goto(url('localhost', '/admin'))
    await page.waitForURL(url('localhost', '/admin/login'))
    expect(problems).toEqual([])
    await close()
  })

  it('a member turns on two-factor from their account, then signs in with a code', async () => {
    const email = `browser-mfa-${Date.now()}@acme.test`
    const password = 'Fresh-member-pass-2026'
    await newMember(server.port, 'acme.localhost', await signIn(server.port, 'acme.localhost', 'admin@acme.test'), email)
    const { page, problems, close } = await newPage()
    const signInForm = async () => {
      await page.goto(url('acme.localhost', '/login'), { waitUntil: 'networkidle' })
      await page.getByLabel('Email').fill(email)
      await page.getByLabel('Password').fill(password)
      await page.getByRole('button', { name: 'Sign in' }).click()
    }
    await signInForm()
    await page.waitForURL(url('acme.localhost', '/'))

    await page.goto(url('acme.localhost', '/account/two-factor'), { waitUntil: 'networkidle' })
    await page.getByRole('button', { name: 'Set up two-factor' }).click()
    await page.getByTestId('totp-qr').locator('svg').waitFor()
    const secret = (await page.getByTestId('two-factor-card').locator('code').textContent())!.trim()
    await page.getByLabel('Code from your app').fill(totpCode(secret))
    await page.getByRole('button', { name: 'Turn on' }).click()
    await expect.poll(() => page.getByTestId('recovery-codes').locator('li').count()).toBe(10)
    await page.screenshot({ path: join(SHOTS, 'acme-two-factor-on.png') })
    await page.getByRole('button', { name: 'I have saved them' }).click()

    await page.getByTestId('user-menu').first().click()
    await page.getByRole('menuitem', { name: 'Sign out' }).click()
    await page.waitForURL(/\/login$/)
    await signInForm()
    await page.getByTestId('mfa-form').waitFor()
    await page.getByLabel('Code from your authenticator app').fill(totpCode(secret, 30_000))
    await page.getByRole('button', { name: 'Verify' }).click()
    await page.waitForURL(url('acme.localhost', '/'))
    await expect.poll(() => page.getByTestId('user-menu').first().textContent()).toContain('browser-mfa')
    expect(problems).toEqual([])
    await close()
  })
})
