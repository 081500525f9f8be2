import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hit, servers, signIn } from '../support/http'
import { launchChromium, pageWithProblems, SHOTS } from '../support/browser'

// The bell as a member meets it: someone gives them a task, the bell shows it, the list opens,
// and following it goes to the task and clears the count; on a phone in the header; and the
// choice of channel on the account page. On sirius, whose viewer no other test file notifies.
const server = servers().find(s => s.name === 'pglite')!
const HOST = 'sirius.localhost'
const url = (path: string) => `http://${HOST}:${server.port}${path}`

let browser: Browser
let admin: string
let viewer: string
let viewerId: string

const giveTask = async (title: string) => {
  const res = await hit(server.port, HOST, '/api/records/tasks', { method: 'POST', body: { title, ownerId: viewerId }, headers: { cookie: admin } })
  expect(res.status, res.body).toBe(201)
  return res.json() as { id: string }
}

beforeAll(async () => {
  browser = await launchChromium()
  admin = await signIn(server.port, HOST, 'admin@sirius.test')
  viewer = await signIn(server.port, HOST, 'viewer@sirius.test')
  viewerId = (await hit(server.port, HOST, '/api/auth/session', { headers: { cookie: viewer } })).json().id
  await hit(server.port, HOST, '/api/notifications/read', { method: 'POST', body: { all: true }, headers: { cookie: viewer } })
})
afterAll(async () => {
  await browser?.close()
})

async function signedIn(width: number, mode: 'light' | 'dark') {
  const opened = await pageWithProblems(browser, { viewport: { width, height: 900 }, colorScheme: mode })
  await opened.page.context().addCookies([
    { name: 'session', value: viewer.slice('session='.length), url: url('/'), httpOnly: true, sameSite: 'Lax' },
    { name: 'color-mode', value: mode, url: url('/') },
  ])
  return opened
}

describe('the notification bell in Chromium', () => {
  it('shows a task given by someone else, opens the list, and following it goes to the task and clears the count', async () => {
    const title = `Bell ${Date.now()}`
    const task = await giveTask(title)
    const { page, problems, close } = await signedIn(1440, 'light')
    await page.goto(url('/'), { waitUntil: 'networkidle' })
    const bell = page.getByTestId('notifications-bell').locator('visible=true')
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications, 1 unread')
    await bell.click()
    const panel = page.getByTestId('notifications-panel')
    await panel.waitFor()
    const item = panel.getByTestId('notification').first()
    expect(await item.textContent()).toContain(`assigned you the task “${title}”`)
    await page.evaluate(() => Promise.all(document.getAnimations().map(a => a.finished)))
    await page.screenshot({ path: join(SHOTS, 'notifications-sirius-light.png') })

    await item.click()
    await page.waitForURL(url(`/tasks/${task.id}`))
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications')
    expect(problems).toEqual([])
    await close()
  })

  it('sits in the header on a phone; "Mark all as read" clears it and the list says so', async () => {
    await giveTask(`Phone ${Date.now()}`)
    await giveTask(`Phone ${Date.now()} b`)
    const { page, problems, close } = await signedIn(390, 'dark')
    await page.goto(url('/'), { waitUntil: 'networkidle' })
    const bell = page.getByTestId('notifications-bell').locator('visible=true')
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications, 2 unread')
    await bell.click()
    const panel = page.getByTestId('notifications-panel')
    await panel.waitFor()
    const box = (await panel.boundingBox())!
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width).toBeLessThanOrEqual(390)
    await page.evaluate(() => Promise.all(document.getAnimations().map(a => a.finished)))
    await page.screenshot({ path: join(SHOTS, 'notifications-sirius-phone-dark.png') })
    await panel.getByTestId('notifications-read-all').click()
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications')
    expect(await panel.getByTestId('notifications-read-all').count()).toBe(0)
    expect(problems).toEqual([])
    await close()
  })

  it('the account page sets how each kind is told, and it holds', async () => {
    const { page, problems, close } = await signedIn(1440, 'light')
    await page.goto(url('/account#notifications'), { waitUntil: 'networkidle' })
    const select = page.getByTestId('notification-channel-assignment')
    await select.click()
    await page.getByRole('option', { name: 'Off' }).click()
    await page.getByText('Assigned to you: off').first().waitFor()
    expect((await hit(server.port, HOST, '/api/notifications/preferences', { headers: { cookie: viewer } })).json()).toEqual({ assignment: 'none', mention: 'in_app', approval: 'in_app', workflow: 'in_app', report: 'in_app', digest: 'off' })
    await page.reload({ waitUntil: 'networkidle' })
    expect(await page.getByTestId('notification-channel-assignment').textContent()).toContain('Off')
    await page.screenshot({ path: join(SHOTS, 'notifications-preferences.png'), fullPage: true })
    await hit(server.port, HOST, '/api/notifications/preferences', { method: 'PUT', body: { assignment: 'in_app' }, headers: { cookie: viewer } })
    expect(problems).toEqual([])
    await close()
  })

  it('a note mentions someone: "@" and a few letters list members, Enter picks, the note shows "@Name", and their bell has it', async () => {
    const title = `Mention ${Date.now()}`
    const task = (await hit(server.port, HOST, '/api/records/tasks', { method: 'POST', body: { title }, headers: { cookie: admin } })).json() as { id: string }
    const opened = await pageWithProblems(browser, { viewport: { width: 1440, height: 900 } })
    await opened.page.context().addCookies([{ name: 'session', value: admin.slice('session='.length), url: url('/'), httpOnly: true, sameSite: 'Lax' }])
    const { page } = opened
    await page.goto(url(`/tasks/${task.id}`), { waitUntil: 'networkidle' })
    const box = page.getByTestId('activity-body')
    await box.click()
    await box.pressSequentially('Please check this, @Vic')
    const options = page.getByTestId('mention-options')
    await options.getByRole('option', { name: /Vic Viewer/ }).waitFor()
    await page.keyboard.press('Enter')
    await box.pressSequentially('thanks')
    // The box shows the name; what is saved carries who it is (the timeline and the bell below).
    expect(await box.inputValue()).toBe('Please check this, @Vic Viewer thanks')
    expect(await options.count()).toBe(0)
    await page.screenshot({ path: join(SHOTS, 'mention-composer.png') })
    await page.getByTestId('activity-log').click()
    const mention = page.getByTestId('activity-note').first().getByTestId('mention')
    await mention.waitFor()
    expect(await mention.textContent()).toBe('@Vic Viewer')
    expect(opened.problems).toEqual([])
    await opened.close()

    const { page: theirs, problems, close } = await signedIn(1440, 'light')
    await theirs.goto(url('/'), { waitUntil: 'networkidle' })
    const bell = theirs.getByTestId('notifications-bell').locator('visible=true')
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications, 1 unread')
    await bell.click()
    const item = theirs.getByTestId('notifications-panel').getByTestId('notification').first()
    await item.waitFor()
    expect(await item.textContent()).toContain(`mentioned you on the task “${title}”`)
    expect(await item.textContent()).toContain('Please check this, @Vic Viewer thanks')
    await hit(server.port, HOST, '/api/notifications/read', { method: 'POST', body: { all: true }, headers: { cookie: viewer } })
    expect(problems).toEqual([])
    await close()
  })
})
