import { chromium } from 'playwright-core'
const base = (slug: string) => `http://${slug}.localhost:3999`
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--host-resolver-rules=MAP *.localhost 127.0.0.1'] })
for (const [slug, mode, width] of [['acme', 'light', 1440], ['initech', 'dark', 1440], ['acme', 'dark', 390]] as const) {
  const ctx = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: mode })
  const page = await ctx.newPage()
  await ctx.addCookies([{ name: 'color-mode', value: mode, url: base(slug) }])
  await page.goto(`${base(slug)}/login`)
  const post = (path: string, body?: unknown) => page.evaluate(async ([p, b]) => (await fetch(p as string, { method: 'POST', headers: { 'content-type': 'application/json' }, body: b === undefined ? undefined : JSON.stringify(b) })).json(), [path, body] as const)
  await post('/api/auth/login', { email: `admin@${slug}.test`, password: 'Demo-pass-2026' })
  const id = (await post('/api/webhooks', { url: 'http://127.0.0.1:9/hook', eventTypes: ['*'], description: 'ERP sync' })).id
  console.log(slug, id)
  await post(`/api/webhooks/${id}/test`)
  await post('/api/records/accounts', { name: 'Shot account' })
  await page.goto(`${base(slug)}/settings/webhooks`, { waitUntil: 'networkidle' })
  await page.screenshot({ path: `/tmp/shots/webhooks-${slug}-${mode}-${width}.png`, fullPage: true })
  await page.waitForTimeout(6000)
  await page.goto(`${base(slug)}/settings/webhooks/${id}`, { waitUntil: 'networkidle' })
  await page.screenshot({ path: `/tmp/shots/webhook-${slug}-${mode}-${width}.png`, fullPage: true })
  if (width > 1000) {
    await page.getByRole('button', { name: 'Details' }).first().click()
    await page.getByTestId('webhook-attempts').waitFor()
    await page.screenshot({ path: `/tmp/shots/webhook-attempts-${slug}-${mode}.png` })
    await page.keyboard.press('Escape')
    await page.goto(`${base(slug)}/settings/webhooks`, { waitUntil: 'networkidle' })
    await page.getByTestId('webhook-new').click()
    await page.waitForTimeout(500)
    await page.screenshot({ path: `/tmp/shots/webhook-new-${slug}-${mode}.png` })
  }
  await ctx.close()
}
await browser.close()
