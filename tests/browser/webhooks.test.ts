import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hit, servers, signIn } from '../support/http'
import { launchChromium, pageWithProblems, SHOTS } from '../support/browser'

// Settings → Webhooks as a workspace admin meets it: add an endpoint (its secret shown once),
// open its page, send a test event that a real receiver on 127.0.0.1 verifies with the secret,
// and read the delivery's attempt. Two brands, light and dark, and the same page on a phone.
const server = servers().find(s => s.name === 'pglite')!
const url = (slug: string, path: string) => `http://${slug}.localhost:${server.port}${path}`

let browser: Browser
let receiver: Server
let receiverUrl = ''
const received: { headers: Record<string, string>, body: string }[] = []
const cookies: Record<string, string> = {}

beforeAll(async () => {
  browser = await launchChromium()
  receiver = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => {
      body += c
    })
    req.on('end', () => {
      received.push({ headers: req.headers as Record<string, string>, body })
      res.writeHead(200).end('thanks')
    })
  })
  await new Promise<void>(resolve => receiver.listen(0, '127.0.0.1', () => resolve()))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/atrium`
  for (const slug of ['acme', 'initech']) cookies[slug] = await signIn(server.port, `${slug}.localhost`, `admin@${slug}.test`)
})
afterAll(async () => {
  // Leave no endpoint behind for other files' writes to be sent to.
  for (const slug of ['acme', 'initech']) {
    const api = (method: string, path: string) => hit(server.port, `${slug}.localhost`, path, { method, headers: { cookie: cookies[slug]! } })
    for (const e of (await api('GET', '/api/webhooks')).json() as { id: string }[]) await api('DELETE', `/api/webhooks/${e.id}`)
  }
  await browser?.close()
  await new Promise(resolve => receiver?.close(resolve))
})

describe('Settings → Webhooks in Chromium', () => {
  it.each([
    { slug: 'acme', mode: 'light' },
    { slug: 'initech', mode: 'dark' },
  ] as const)('adds an endpoint, shows its secret once, and a test event arrives signed with it ($slug, $mode)', async ({ slug, mode }) => {
    const { page, problems, close } = await pageWithProblems(browser, { viewport: { width: 1440, height: 900 }, colorScheme: mode })
    await page.context().addCookies([
      { name: 'session', value: cookies[slug]!.slice('session='.length), url: url(slug, '/'), httpOnly: true, sameSite: 'Lax' },
      { name: 'color-mode', value: mode, url: url(slug, '/') },
    ])
    await page.goto(url(slug, '/settings/webhooks'), { waitUntil: 'networkidle' })
    await page.getByTestId('webhook-new').click()

    // A private address is refused under the field, and nothing is added.
    await page.getByLabel('URL').fill('http://10.1.2.3/hooks')
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    await page.getByText('points at a private or reserved address').waitFor()

    const description = `Browser ${slug} ${Date.now()}`
    await page.getByLabel('URL').fill(receiverUrl)
    await page.getByLabel('Description').fill(description)
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    const secret = String(await page.getByTestId('new-webhook-secret').textContent()).trim()
    expect(secret).toMatch(/^whsec_/)
    await page.getByRole('button', { name: 'Done' }).click()

    // Listed, and its page opens from the URL.
    const row = page.getByTestId('webhooks-table').locator('tbody tr').filter({ hasText: description })
    await row.getByRole('link', { name: receiverUrl, exact: true }).click()
    await page.getByTestId('webhook-url').waitFor()
    expect(await page.getByTestId('webhook-url').textContent()).toContain(receiverUrl)

    const before = received.length
    await page.getByTestId('webhook-test').click()
    await expect.poll(() => received.length, { timeout: 15_000 }).toBeGreaterThan(before)
    const delivery = received.at(-1)!
    expect(new Webhook(secret).verify(delivery.body, delivery.headers)).toMatchObject({ type: 'webhook.test' })

    // The log shows it delivered; its details show the try and the receiver's answer.
    const deliveries = page.getByTestId('webhook-deliveries')
    await expect.poll(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click()
      return deliveries.locator('tbody tr').first().textContent()
    }, { timeout: 15_000 }).toContain('delivered')
    await deliveries.getByRole('button', { name: 'Details' }).first().click()
    const attempts = page.getByTestId('webhook-attempts')
    await attempts.waitFor()
    expect(await attempts.textContent()).toContain('Answered 200')
    expect(await attempts.textContent()).toContain('thanks')
    await page.screenshot({ path: join(SHOTS, `webhooks-${slug}-${mode}.png`), fullPage: true })
    if (slug === 'initech') {
      // Removed meanwhile (another tab, another admin): the page's action says so instead of doing nothing.
      await page.keyboard.press('Escape')
      const id = page.url().split('/').pop()!
      expect((await hit(server.port, 'initech.localhost', `/api/webhooks/${id}`, { method: 'DELETE', headers: { cookie: cookies.initech! } })).status).toBe(204)
      await page.getByTestId('webhook-test').click()
      await page.getByText('No such webhook endpoint').first().waitFor()
    }
    // The failed requests are the private address refused on purpose above, and the removed endpoint.
    expect(problems.filter(p => !/status of 422 \(Invalid body: url points at a private/.test(p) && !/status of 404/.test(p))).toEqual([])
    await close()
  })

  it('fits a phone: the endpoint page and its log stay inside 390 pixels', async () => {
    const { page, problems, close } = await pageWithProblems(browser, { viewport: { width: 390, height: 844 }, colorScheme: 'dark' })
    await page.context().addCookies([
      { name: 'session', value: cookies.acme!.slice('session='.length), url: url('acme', '/'), httpOnly: true, sameSite: 'Lax' },
      { name: 'color-mode', value: 'dark', url: url('acme', '/') },
    ])
    const [first] = (await hit(server.port, 'acme.localhost', '/api/webhooks', { headers: { cookie: cookies.acme! } })).json() as { id: string }[]
    expect(first).toBeDefined()
    for (const path of ['/settings/webhooks', `/settings/webhooks/${first!.id}`]) {
      await page.goto(url('acme', path), { waitUntil: 'networkidle' })
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390)
      const table = page.locator('table').first()
      const box = (await table.boundingBox())!
      expect(box.x + box.width, path).toBeLessThanOrEqual(390)
    }
    await page.screenshot({ path: join(SHOTS, 'webhooks-acme-phone-dark.png'), fullPage: true })
    expect(problems).toEqual([])
    await close()
  })
})
