// Screenshots of pages as a person sees them: node scripts/tools/screenshot.mjs <out.png> <url> [host] [light|dark] [width]
// Chromium is Debian's (/usr/bin/chromium); the Host header selects the tenant via --host-resolver-rules.
import { chromium } from 'playwright-core'

const [out, url, host, mode = 'light', width = '1280'] = process.argv.slice(2)
const target = new URL(url)
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    ...(host ? [`--host-resolver-rules=MAP ${host} 127.0.0.1`] : [])],
})
const page = await browser.newPage({ viewport: { width: Number(width), height: 800 }, colorScheme: mode })
page.on('console', (m) => {
  if (['error', 'warning'].includes(m.type())) console.log(`[console.${m.type()}] ${m.text()}`)
})
const address = host ? `${target.protocol}//${host}:${target.port}${target.pathname}` : url
await page.goto(address, { waitUntil: 'networkidle' })
await page.waitForTimeout(1500)
await page.screenshot({ path: out })
await browser.close()
