import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hit, servers, signIn } from '../support/http'
import { linkToken, waitForMail } from '../support/mail'
import { launchChromium, pageWithProblems, SHOTS } from '../support/browser'

// Approvals as an approver meets them: a manager starts a workflow from an account's page ("Run
// workflow") that asks the viewer to approve; the viewer finds it under Approvals, approves it with
// a comment, and the run goes on. A second request is rejected from the mailed link, without
// signing in, and the link does not work twice.
// On gekko (the PGlite server; the server tests use gekko on PostgreSQL, and never ask the viewer).
const server = servers().find(s => s.name === 'pglite')!
const HOST = 'gekko.localhost'
const url = (path: string) => `http://${HOST}:${server.port}${path}`

let browser: Browser
let admin: string
let manager: string
let viewer: string
let workflowId = ''
const api = (cookie: string, method: string, path: string, body?: unknown) => hit(server.port, HOST, path, { method, body, headers: { cookie } })

beforeAll(async () => {
  browser = await launchChromium()
  ;[admin, manager, viewer] = await Promise.all(['admin', 'manager', 'viewer'].map(r => signIn(server.port, HOST, `${r}@gekko.test`))) as [string, string, string]
})
afterAll(async () => {
  if (workflowId) await api(admin, 'DELETE', `/api/workflows/${workflowId}`)
  await browser?.close()
})

async function opened(cookie: string | null, width: number, mode: 'light' | 'dark') {
  const o = await pageWithProblems(browser, { viewport: { width, height: 900 }, colorScheme: mode })
  o.page.setDefaultTimeout(15_000)
  const cookies: { name: string, value: string, url: string }[] = [{ name: 'color-mode', value: mode, url: url('/') }]
  if (cookie) cookies.push({ name: 'session', value: cookie.slice('session='.length), url: url('/') })
  await o.page.context().addCookies(cookies)
  return o
}

describe('approvals in Chromium', () => {
  it('the viewer approves from the inbox with a comment; a second request is rejected from the mailed link, once', async () => {
    const tag = Date.now().toString(36)
    const viewerId = (await api(viewer, 'GET', '/api/auth/session')).json().id as string
    const wf = await api(admin, 'POST', '/api/workflows', { name: `Approve ${tag}`, definition: {
      trigger: { kind: 'manual', recordType: 'accounts' },
      steps: [
        { id: 'ask', type: 'approval', title: 'Onboard {{record.name}}', levels: [{ name: 'Compliance', approvers: { userIds: [viewerId] } }], next: 'mark' },
        { id: 'mark', type: 'update_record', fields: { industry: 'Approved: {{steps.ask.comment}}' } },
      ],
    } })
    expect(wf.status, wf.body).toBe(201)
    workflowId = wf.json().id
    expect((await api(admin, 'POST', `/api/workflows/${workflowId}/enable`, { enabled: true })).status).toBe(200)
    const account = (await api(manager, 'POST', '/api/records/accounts', { name: `Onboarding ${tag}` })).json()
    // The manager starts it from the account's page.
    const starter = await opened(manager, 1440, 'light')
    await starter.page.goto(url(`/accounts/${account.id}`), { waitUntil: 'networkidle' })
    await starter.page.getByTestId('run-workflow').click()
    await starter.page.getByRole('menuitem', { name: `Approve ${tag}` }).click()
    await starter.page.getByText(`“Approve ${tag}” started`, { exact: true }).waitFor()
    expect(starter.problems).toEqual([])
    await starter.close()
    const [run] = (await api(admin, 'GET', `/api/workflow-runs?workflowId=${workflowId}`)).json().items as { id: string }[]
    expect(run).toBeDefined()

    const { page, problems, close } = await opened(viewer, 1440, 'light')
    await page.goto(url('/approvals'), { waitUntil: 'networkidle' })
    const row = page.getByTestId('approvals-list').getByText(`Onboard Onboarding ${tag}`)
    for (let i = 0; i < 40 && !(await row.count()); i++) {
      await page.waitForTimeout(250)
      await page.reload({ waitUntil: 'networkidle' })
    }
    await page.screenshot({ path: join(SHOTS, 'approvals-inbox-gekko-light.png'), fullPage: true })
    await row.click()
    await page.getByTestId('approval-approve').waitFor()
    await page.getByTestId('approval-comment').fill('KYC checked')
    await page.screenshot({ path: join(SHOTS, 'approval-request-gekko-light.png'), fullPage: true })
    await page.getByTestId('approval-approve').click()
    await page.getByTestId('approval-level-0').getByText('KYC checked').waitFor()
    expect(await page.getByTestId('approval-approve').count()).toBe(0)
    expect(problems).toEqual([])
    await close()
    for (let i = 0; i < 80 && (await api(admin, 'GET', `/api/workflow-runs/${run.id}`)).json().status !== 'succeeded'; i++) await new Promise(r => setTimeout(r, 250))
    expect((await api(admin, 'GET', `/api/records/accounts/${account.id}`)).json().industry).toBe('Approved: KYC checked')

    // The second request, from the mail, on a phone in the dark, signed out.
    const since = Date.now()
    const other = (await api(manager, 'POST', '/api/records/accounts', { name: `Second ${tag}` })).json()
    await api(manager, 'POST', `/api/workflows/${workflowId}/run`, { recordIds: [other.id] })
    const mail = await waitForMail('viewer@gekko.test', since, 20_000)
    expect(mail.subject).toBe(`Approval needed: Onboard Second ${tag}`)
    const token = linkToken(mail)
    const phone = await opened(null, 390, 'dark')
    await phone.page.goto(url(`/approvals/decide?token=${token}`), { waitUntil: 'networkidle' })
    await phone.page.getByTestId('approval-reject').waitFor()
    await phone.page.getByTestId('approval-comment').fill('Missing documents')
    await phone.page.screenshot({ path: join(SHOTS, 'approval-link-gekko-phone-dark.png'), fullPage: true })
    await phone.page.getByTestId('approval-reject').click()
    await phone.page.getByTestId('approval-link-done').waitFor()
    expect(await phone.page.getByTestId('approval-link-done').textContent()).toContain('you rejected it')
    await phone.page.goto(url(`/approvals/decide?token=${token}`), { waitUntil: 'networkidle' })
    await phone.page.getByText('This link can no longer be used').waitFor()
    expect(phone.problems.filter(p => !p.includes('409'))).toEqual([])
    await phone.close()
  })
})
