import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, hit, servers, signIn } from '../support/http'
import { launchChromium, pageWithProblems, SHOTS } from '../support/browser'

// What a newcomer tripped over (issue 19): a converted lead that led nowhere, and Support's home
// asking for the sales pipelines it may not read.
const server = servers().find(s => s.name === 'pglite')!
const host = 'sterling.localhost'
const url = (path: string) => `http://${host}:${server.port}${path}`
const tag = `W${Date.now().toString(36)}`
const SLOW = 180_000
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 })

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => browser?.close())

async function signedInPage(role: string) {
  const p = await pageWithProblems(browser, { viewport: { width: 1280, height: 900 } })
  await p.page.goto(url('/login'), { waitUntil: 'networkidle' })
  await p.page.getByLabel('Email').fill(`${role}@sterling.test`)
  await p.page.getByLabel('Password').fill(DEMO_PASSWORD)
  await p.page.getByRole('button', { name: /sign in/i }).click()
  await p.page.waitForURL(url('/'))
  return p
}

describe('walkthrough polish in Chromium', () => {
  it('after Convert the lead links to its account, contact and deal, says so on its timeline, and they link back', async () => {
    const admin = await signIn(server.port, host, 'admin@sterling.test')
    const lead = (await hit(server.port, host, '/api/records/leads', { method: 'POST', body: { firstName: 'Joan', lastName: `Holloway ${tag}`, company: `Holloway Partners ${tag}`, status: 'qualified' }, headers: { cookie: admin } })).json()
    const { page, problems, close } = await signedInPage('admin')
    await page.goto(url(`/leads/${lead.id}`), { waitUntil: 'networkidle' })
    await page.getByRole('button', { name: 'Convert' }).first().click()
    await page.getByTestId('lead-convert-form').waitFor()
    await page.getByRole('dialog').getByRole('button', { name: 'Convert' }).click()

    const links = page.getByTestId('conversion-links')
    await poll(async () => links.getByRole('link').count()).toBe(3)
    const account = links.getByRole('link', { name: `Account Holloway Partners ${tag}`, exact: true })
    expect(await account.count()).toBe(1)
    expect(await links.getByRole('link', { name: `Contact Joan Holloway ${tag}`, exact: true }).count()).toBe(1)
    expect(await links.getByRole('link', { name: `Deal Holloway Partners ${tag} deal`, exact: true }).count()).toBe(1)
    // The timeline shows the conversion without a reload, with the same links.
    const entry = page.getByTestId('timeline').getByTestId('activity-converted')
    await poll(async () => entry.count()).toBe(1)
    expect(await entry.getByRole('link').count()).toBe(3)
    await page.screenshot({ path: join(SHOTS, 'lead-converted.png'), fullPage: true })

    await account.click()
    await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/)
    const back = page.getByTestId('conversion-links')
    await poll(async () => back.getByRole('link', { name: `Lead Joan Holloway ${tag}`, exact: true }).count()).toBe(1)
    expect(await page.getByTestId('timeline').getByTestId('activity-converted').getByRole('link', { name: `Joan Holloway ${tag}`, exact: true }).count()).toBe(1)
    await page.screenshot({ path: join(SHOTS, 'account-from-lead.png'), fullPage: true })
    await back.getByRole('link', { name: `Lead Joan Holloway ${tag}`, exact: true }).click()
    await page.waitForURL(url(`/leads/${lead.id}`))
    expect(problems).toEqual([])
    await close()
  }, SLOW)

  it('Support\'s home asks only for what Support may read: no 403 on any load', async () => {
    const { page, problems, close } = await signedInPage('support')
    const refused: string[] = []
    page.on('response', (r) => {
      if (r.status() === 403) refused.push(r.url())
    })
    await page.goto(url('/'), { waitUntil: 'networkidle' })
    await page.reload({ waitUntil: 'networkidle' })
    await page.waitForTimeout(1000)
    expect(refused).toEqual([])
    await page.screenshot({ path: join(SHOTS, 'support-home.png'), fullPage: true })
    expect(problems.filter(p => !/403/.test(p))).toEqual([])
    await close()
  }, SLOW)
})
