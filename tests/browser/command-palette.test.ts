import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, pageWithProblems, SHOTS } from '../support/browser'
import { hit, servers, signIn } from '../support/http'

// The workspace's command palette in Chromium: Ctrl+K, a few letters of a contact's first name,
// Enter — keyboard only, as people use it.
const server = servers().find(s => s.name === 'pglite')!
const host = 'wonka.localhost'
const url = (path: string) => `http://${host}:${server.port}${path}`

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => browser?.close())

describe('command palette in Chromium', () => {
  it('finds a contact by the first letters of its name and opens it with Enter', async () => {
    // A first name nobody else has: letters only.
    const first = `Pal${[...randomBytes(5)].map(b => String.fromCharCode(97 + (b % 26))).join('')}`
    const admin = await signIn(server.port, host, 'admin@wonka.test')
    const created = await hit(server.port, host, '/api/records/contacts', { method: 'POST', body: { firstName: first, lastName: 'Paletta', jobTitle: 'Buyer' }, headers: { cookie: admin } })
    expect(created.status, created.body).toBe(201)
    const id = created.json().id as string

    const { page, problems, close } = await pageWithProblems(browser)
    try {
      await page.goto(url('/login'), { waitUntil: 'networkidle' })
      await page.getByLabel('Email').fill('admin@wonka.test')
      await page.getByLabel('Password').fill('Demo-pass-2026')
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.waitForURL(url('/'))
      await page.waitForLoadState('networkidle')
      // The sidebar offers it too, with its shortcut.
      await page.getByTestId('search-button').first().waitFor()

      // Ctrl+K opens it with the cursor in the input; pages are offered by name; Escape closes it.
      const input = page.getByPlaceholder('Search records or pages…')
      await page.keyboard.press('Control+k')
      await input.waitFor()
      await expect.poll(() => input.evaluate(el => el === document.activeElement), { timeout: 10_000 }).toBe(true)
      await page.keyboard.type('settings')
      await page.getByRole('option', { name: /Settings/ }).first().waitFor()
      await page.keyboard.press('Escape')
      await input.waitFor({ state: 'detached' })

      await page.keyboard.press('Control+k')
      await input.waitFor()
      await page.keyboard.type(first.slice(0, 6).toLowerCase())
      const result = page.getByRole('option', { name: new RegExp(`${first} Paletta`) })
      await result.waitFor()
      expect(problems).toEqual([])
      await page.screenshot({ path: join(SHOTS, 'command-palette.png') })

      await page.keyboard.press('Enter')
      await page.waitForURL(url(`/contacts/${id}`))
      await input.waitFor({ state: 'detached' })
    }
    finally {
      await close()
    }
  })
})
