import { request } from 'node:http'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hit, servers, signIn } from '../support/http'
import { mailArrived, waitForMail } from '../support/mail'
import { receiver, runJobNow, until } from '../support/peers'
import type { Received } from '../support/peers'
import { ownerAccess } from '../support/owner'
import { fakeS3 } from '../support/s3'

// Report schedules (issue 23): saving checks the cadence against the plan and the recipients
// against the workspace's rule; time is moved (a schedule's next time set into the past as the
// database's owner), then the minute's sweep is run now, as the cron would. Each run is checked
// where it lands: the test SMTP server's mail and its attachment, a local webhook receiver that
// verifies the Standard Webhooks signature and fetches the signed link, the run history.

const HOST = 'oceanic.localhost'
const pg = () => servers().find(s => s.name === 'postgres')!

/** One answer as bytes (the shared helper reads text). */
function download(path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: pg().port, path, headers: { host: HOST }, setHost: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', c => chunks.push(c))
      res.on('end', () => resolve(Buffer.concat(chunks)))
    })
    req.on('error', reject)
    req.end()
  })
}

const sweep = () => runJobNow('reports-sweep')

describe('report schedules on PostgreSQL', () => {
  const owner = ownerAccess()
  const tag = `sched-${Date.now().toString(36)}`
  const cookies: Record<string, string> = {}
  const api = (who: string, method: string, path: string, body?: unknown) => hit(pg().port, HOST, path, { method, body, headers: { cookie: cookies[who]! } })
  let reportId = ''
  let emptyId = ''
  let rx: Awaited<ReturnType<typeof receiver>>
  let webhookSecret = ''

  const runsOf = async (id: string) => (await api('manager', 'GET', `/api/reports/${id}/runs?limit=50`)).json().items as { id: string, scheduleId: string, status: string, rows: number, sizeBytes: number, error: string | null, delivered: string[], manual: boolean, downloadable: boolean }[]
  /** Moves a schedule's next time to a minute ago (`ago` minutes back), as if the time had come. */
  const comeDue = (scheduleId: string, ago = 1) => owner.sql()`update report_schedules set next_run_at = now() - make_interval(mins => ${ago}) where id = ${scheduleId}::uuid`

  beforeAll(async () => {
    for (const role of ['admin', 'manager', 'member']) cookies[role] = await signIn(pg().port, HOST, `${role}@oceanic.test`)
    const current = (await api('admin', 'GET', '/api/settings/general')).json()
    await api('admin', 'PUT', '/api/settings/general', { ...current, timeZone: 'UTC', reportsToAnyone: false })
    // A report over one deal of its own, and one that matches nothing.
    const pipeline = (await api('admin', 'POST', '/api/pipelines', { name: `Schedules ${tag}`, stages: [{ name: 'Open', probability: 10 }, { name: 'Won', kind: 'won', probability: 100 }] })).json()
    const deal = await api('admin', 'POST', '/api/records/deals', { name: `Scheduled deal ${tag}`, amountMinor: 12_345, pipelineId: pipeline.id, stageId: pipeline.stages[0].id })
    expect(deal.status, deal.body).toBe(201)
    const definition = { source: 'deals', columns: [{ field: 'name' }, { field: 'amountMinor' }], filters: { pipelineId: pipeline.id } }
    const created = await api('manager', 'POST', '/api/reports', { name: `Weekly deals ${tag}`, definition, visibility: 'workspace' })
    expect(created.status, created.body).toBe(201)
    reportId = created.json().id
    emptyId = (await api('manager', 'POST', '/api/reports', { name: `Nothing ${tag}`, definition: { ...definition, filters: { pipelineId: pipeline.id, q: 'no-such-deal-anywhere' } } })).json().id
    rx = await receiver()
    const endpoint = await api('admin', 'POST', '/api/webhooks', { url: rx.url, eventTypes: ['report.delivered'], description: `Reports ${tag}` })
    expect(endpoint.status, endpoint.body).toBe(201)
    webhookSecret = endpoint.json().secret
  })
  afterAll(async () => {
    await rx?.close()
  })

  it('refuses a schedule its plan or the workspace does not allow, each with the field at fault', async () => {
    const hourly = await api('manager', 'POST', `/api/reports/${reportId}/schedules`, { cadence: { frequency: 'cron', cron: '0 * * * *' }, recipients: ['manager@oceanic.test'] })
    expect(hourly.status).toBe(422)
    expect(hourly.json().message).toMatch(/at most once a day/)
    expect(hourly.json().data.issues[0].path).toBe('cadence')
    const badCron = await api('manager', 'POST', `/api/reports/${reportId}/schedules`, { cadence: { frequency: 'cron', cron: '61 25 * * *' }, recipients: ['manager@oceanic.test'] })
    expect(badCron.status).toBe(422)
    expect(badCron.json().data.issues[0].path).toBe('cadence.cron')
    const outsider = await api('manager', 'POST', `/api/reports/${reportId}/schedules`, { cadence: { frequency: 'daily', time: '07:00' }, recipients: ['manager@oceanic.test', 'someone@elsewhere.example'] })
    expect(outsider.status).toBe(422)
    expect(outsider.json().data.issues[0]).toMatchObject({ path: 'recipients.1', message: expect.stringContaining('not a member') })
    const nowhere = await api('manager', 'POST', `/api/reports/${reportId}/schedules`, { cadence: { frequency: 'daily' } })
    expect(nowhere.status).toBe(400)
    const badBody = await api('manager', 'POST', `/api/reports/${reportId}/schedules`, { cadence: { frequency: 'hourly' }, timeZone: 'Mars/Olympus', format: 'docx', recipients: ['not-an-email'] })
    expect(badBody.status).toBe(400)
    expect(badBody.json().data.issues.map((i: { path: string }) => i.path).sort()).toEqual(['cadence.frequency', 'format', 'recipients.0', 'timeZone'])
    // A member reads reports but may not export them: no schedules.
    expect((await api('member', 'POST', `/api/reports/${reportId}/schedules`, { cadence: { frequency: 'daily' }, recipients: ['member@oceanic.test'] })).status).toBe(403)
    // Nothing was saved by any of these; the list says how often the plan allows (Pro: once a day).
    expect((await api('manager', 'GET', `/api/reports/${reportId}/schedules`)).json()).toEqual({ items: [], shortestMinutes: 1440 })
  })

  it('a weekly schedule in its own time zone says when it runs next', async () => {
    const res = await api('manager', 'POST', `/api/reports/${reportId}/schedules`, { cadence: { frequency: 'weekly', weekday: 1, time: '09:30' }, timeZone: 'Asia/Tokyo', format: 'csv', recipients: ['manager@oceanic.test'] })
    expect(res.status, res.body).toBe(201)
    const s = res.json()
    expect(s).toMatchObject({ description: 'Every Monday at 09:30', cron: '30 9 * * 1', effectiveTimeZone: 'Asia/Tokyo', canEdit: true })
    // 09:30 in Tokyo is 00:30 UTC, on a Monday there.
    const next = new Date(s.nextRunAt)
    expect(next.getTime()).toBeGreaterThan(Date.now())
    expect(next.toISOString()).toMatch(/T00:30:00\.000Z$/)
    expect(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Tokyo', weekday: 'long' }).format(next)).toBe('Monday')
    await api('manager', 'DELETE', `/api/reports/${reportId}/schedules/${s.id}`)
  })

  it('fires once per due time, mails the file attached, and announces it to webhooks with a link that works', async () => {
    const since = Date.now()
    const res = await api('manager', 'POST', `/api/reports/${reportId}/schedules`, { cadence: { frequency: 'daily', time: '06:00' }, format: 'csv', recipients: ['manager@oceanic.test', 'admin@oceanic.test'], webhook: true })
    expect(res.status, res.body).toBe(201)
    const schedule = res.json()
    await comeDue(schedule.id)
    // Two sweeps, as two minutes (or two instances) would: the due time makes one run only.
    await sweep()
    await sweep()
    const runs = await until(() => runsOf(reportId), r => r.some(x => x.scheduleId === schedule.id && x.status !== 'queued' && x.status !== 'running'))
    const mine = runs.filter(r => r.scheduleId === schedule.id)
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ status: 'delivered', rows: 1, error: null, manual: false, downloadable: true, delivered: ['report store', 'mail to 2 people (attached)', 'webhook event'] })
    // Its next time moved on, into the future.
    const after = (await api('manager', 'GET', `/api/reports/${reportId}/schedules`)).json().items.find((x: { id: string }) => x.id === schedule.id)
    expect(new Date(after.nextRunAt).getTime()).toBeGreaterThan(Date.now())
    expect(after.lastRun).toMatchObject({ status: 'delivered' })

    const mail = await waitForMail('admin@oceanic.test', since)
    expect(mail.subject).toBe(`Weekly deals ${tag} — Oceanic Airlines`)
    expect(mail.attachments).toHaveLength(1)
    expect(mail.attachments[0]!.filename).toBe(`Weekly_deals_${tag}.csv`)
    const csv = mail.attachments[0]!.content.toString('utf8')
    expect(csv).toContain(`Scheduled deal ${tag}`)
    expect(csv).toContain('123.45')

    const delivered = await until(() => rx.got.filter(r => r.json.type === 'report.delivered' && r.body.includes(mine[0]!.id)), d => d.length > 0)
    expect(delivered).toHaveLength(1)
    const event = new Webhook(webhookSecret).verify(delivered[0]!.body, delivered[0]!.headers as Record<string, string>) as Received['json']
    expect(event.data).toMatchObject({ report: { id: reportId, name: `Weekly deals ${tag}` }, scheduleId: schedule.id, runId: mine[0]!.id, format: 'csv', rows: 1 })
    // The link needs no sign-in, works on its workspace's host only, and not with another secret.
    const url = new URL(event.data.url)
    expect(url.host).toBe(HOST)
    const file = await hit(pg().port, HOST, url.pathname + url.search)
    expect(file.status).toBe(200)
    expect(file.headers['content-type']).toMatch(/text\/csv/)
    expect(file.body).toBe(csv)
    expect((await hit(pg().port, 'acme.localhost', url.pathname + url.search)).status).toBe(404)
    expect((await hit(pg().port, HOST, `${url.pathname}?token=${'x'.repeat(32)}`)).status).toBe(404)
    expect((await hit(pg().port, HOST, `${url.pathname}?token=<script>`)).status).toBe(400)
    // The run history's own download, for those who export reports.
    expect((await api('manager', 'GET', `/api/reports/${reportId}/runs/${mine[0]!.id}/file`)).body).toBe(csv)
    expect((await api('member', 'GET', `/api/reports/${reportId}/runs/${mine[0]!.id}/file`)).status).toBe(403)
    await api('manager', 'DELETE', `/api/reports/${reportId}/schedules/${schedule.id}`)
  })

  it('puts each file into the workspace\'s own bucket, signed; a bucket that refuses fails the run with what it answered', async () => {
    const s3 = await fakeS3({ region: 'eu-west-1', keys: { AKIAOCEANIC: 'right-secret' }, buckets: ['oceanic-reports'] })
    const bucket = (over: Record<string, unknown> = {}) => ({ endpoint: s3.endpoint, bucket: 'oceanic-reports', region: 'eu-west-1', prefix: '/atrium/reports/', accessKeyId: 'AKIAOCEANIC', ...over })
    const put = (body: unknown, who = 'admin') => api(who, 'PUT', '/api/settings/report-bucket', body)
    const test = async () => (await api('admin', 'POST', '/api/settings/report-bucket/test')).json() as { ok: boolean, key: string, message: string }
    try {
      // A schedule cannot use a bucket that is not set up; only admins set one up.
      const early = await api('manager', 'POST', `/api/reports/${reportId}/schedules`, { cadence: { frequency: 'daily' }, bucket: true })
      expect(early.status).toBe(422)
      expect(early.json().data.issues).toEqual([{ path: 'bucket', message: 'Set up the workspace\'s bucket first (Settings → Data → Report bucket)' }])
      expect((await put(bucket({ secretAccessKey: 'right-secret' }), 'manager')).status).toBe(403)
      const bad = await put({ endpoint: 'ftp://files.example.com', bucket: 'Not_A_Bucket', accessKeyId: '' })
      expect(bad.status).toBe(400)
      expect(bad.json().data.issues.map((i: { path: string }) => i.path).sort()).toEqual(['accessKeyId', 'bucket', 'endpoint'])
      expect((await put(bucket())).json().data.issues).toEqual([{ path: 'secretAccessKey', message: 'is required' }])
      // The metadata address (or any private one) is refused when saved.
      const metadata = await put(bucket({ endpoint: 'http://169.254.169.254', secretAccessKey: 'right-secret' }))
      expect(metadata.status).toBe(422)
      expect(metadata.json().data.issues[0].path).toBe('endpoint')

      // Saved with a wrong secret: the secret never comes back, and the test says what the store answered.
      const saved = await put(bucket({ secretAccessKey: 'wrong-secret' }))
      expect(saved.status, saved.body).toBe(200)
      expect(saved.body).not.toContain('wrong-secret')
      expect(saved.json().bucket).toMatchObject({ bucket: 'oceanic-reports', prefix: 'atrium/reports', accessKeyId: 'AKIAOCEANIC' })
      const refused = await test()
      expect(refused.ok).toBe(false)
      expect(refused.message).toContain('answered 403 SignatureDoesNotMatch')
      expect((await api('admin', 'GET', '/api/settings/report-bucket')).json().bucket.lastError).toContain('SignatureDoesNotMatch')
      expect((await put(bucket({ secretAccessKey: 'right-secret' }))).status).toBe(200)
      // A change that leaves the secret out keeps the stored one.
      expect((await put(bucket())).status).toBe(200)
      expect(await test()).toMatchObject({ ok: true, key: 'atrium/reports/atrium-test.txt' })
      expect(s3.objects.map(o => o.key)).toEqual(['atrium/reports/atrium-test.txt'])

      // A schedule that only puts its file into the bucket.
      const created = await api('manager', 'POST', `/api/reports/${reportId}/schedules`, { cadence: { frequency: 'daily', time: '07:00' }, format: 'csv', bucket: true })
      expect(created.status, created.body).toBe(201)
      const schedule = created.json()
      expect(schedule).toMatchObject({ bucket: true, recipientCount: 0, webhook: false })
      await comeDue(schedule.id)
      await sweep()
      const runs = await until(() => runsOf(reportId), r => r.some(x => x.scheduleId === schedule.id && ['delivered', 'failed'].includes(x.status)))
      const run = runs.find(x => x.scheduleId === schedule.id)!
      expect(run).toMatchObject({ status: 'delivered', error: null })
      expect(run.delivered).toEqual(['report store', expect.stringMatching(new RegExp(`^bucket oceanic-reports: atrium/reports/weekly-deals-${tag}/\\d{4}-\\d{2}-\\d{2}-\\d{4}-${run.id.slice(0, 8)}\\.csv$`))])
      const object = s3.objects.find(o => o.key.endsWith('.csv'))!
      expect(object.contentType).toMatch(/^text\/csv/)
      expect(object.body.toString('utf8')).toBe((await api('manager', 'GET', `/api/reports/${reportId}/runs/${run.id}/file`)).body)

      // Its key revoked, the bucket refuses: the run fails with the store's answer, keeps no file, and its maker hears.
      expect((await put(bucket({ accessKeyId: 'AKIAREVOKED', secretAccessKey: 'right-secret' }))).status).toBe(200)
      expect((await api('manager', 'POST', `/api/reports/${reportId}/schedules/${schedule.id}/run`)).status).toBe(202)
      const after = await until(() => runsOf(reportId), r => r.some(x => x.scheduleId === schedule.id && x.manual && ['delivered', 'failed'].includes(x.status)))
      const failed = after.find(x => x.scheduleId === schedule.id && x.manual)!
      expect(failed).toMatchObject({ status: 'failed', downloadable: false, delivered: [] })
      expect(failed.error).toContain('answered 403 InvalidAccessKeyId')
      expect(s3.objects.filter(o => o.key.endsWith('.csv'))).toHaveLength(1)
      const notices = (await api('manager', 'GET', '/api/notifications?limit=5')).json().items as { kind: string, body: string }[]
      expect(notices.find(n => n.kind === 'report')?.body).toContain('InvalidAccessKeyId')

      // Removed, the workspace has none; the schedule says why at its next run (and when saved).
      expect((await api('admin', 'DELETE', '/api/settings/report-bucket')).status).toBe(204)
      expect((await api('admin', 'GET', '/api/settings/report-bucket')).json()).toEqual({ bucket: null })
      await api('manager', 'DELETE', `/api/reports/${reportId}/schedules/${schedule.id}`)
    }
    finally {
      await s3.close()
    }
  })

  it('a schedule whose times passed while the server was down runs once, not once per missed time', async () => {
    const schedule = (await api('manager', 'POST', `/api/reports/${reportId}/schedules`, { cadence: { frequency: 'daily', time: '05:00' }, format: 'json', recipients: ['manager@oceanic.test'] })).json()
    // Three days late.
    await comeDue(schedule.id, 3 * 24 * 60)
    await sweep()
    const runs = await until(() => runsOf(reportId), r => r.some(x => x.scheduleId === schedule.id && x.status === 'delivered'))
    expect(runs.filter(r => r.scheduleId === schedule.id)).toHaveLength(1)
    await sweep()
    expect((await runsOf(reportId)).filter(r => r.scheduleId === schedule.id)).toHaveLength(1)
    await api('manager', 'DELETE', `/api/reports/${reportId}/schedules/${schedule.id}`)
  })

  it('skips an empty run when asked, and sends a PDF as a link when the schedule says so', async () => {
    const skip = (await api('manager', 'POST', `/api/reports/${emptyId}/schedules`, { cadence: { frequency: 'monthly', day: 1, time: '08:00' }, recipients: ['manager@oceanic.test'], skipEmpty: true })).json()
    const since = Date.now()
    await comeDue(skip.id)
    await sweep()
    const runs = await until(() => runsOf(emptyId), r => r.some(x => x.scheduleId === skip.id && x.status === 'skipped'))
    expect(runs.filter(r => r.scheduleId === skip.id)).toMatchObject([{ status: 'skipped', rows: 0, downloadable: false, delivered: [] }])
    expect(await mailArrived('manager@oceanic.test', since)).toBe(false)

    const link = (await api('manager', 'POST', `/api/reports/${reportId}/schedules`, { cadence: { frequency: 'quarterly', day: 2, time: '08:00' }, format: 'pdf', recipients: ['manager@oceanic.test'], linkOnly: true })).json()
    expect(link.description).toBe('On day 2 of every quarter at 08:00')
    // "Send now" runs at once and leaves the schedule's next time alone.
    const sent = await api('manager', 'POST', `/api/reports/${reportId}/schedules/${link.id}/run`)
    expect(sent.status, sent.body).toBe(202)
    const mail = await waitForMail('manager@oceanic.test', since, 30_000)
    expect(mail.attachments).toHaveLength(0)
    const href = /https?:\/\/[^\s]+\/api\/report-files\/[^\s]+/.exec(mail.text ?? '')![0]
    const pdf = await hit(pg().port, HOST, new URL(href).pathname + new URL(href).search)
    expect(pdf.status).toBe(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    const bytes = await download(new URL(href).pathname + new URL(href).search)
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    const dir = mkdtempSync(join(tmpdir(), 'atrium-sched-'))
    try {
      writeFileSync(join(dir, 'r.pdf'), bytes)
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' })
      expect(text).toContain(`Weekly deals ${tag}`)
      expect(text).toContain(`Scheduled deal ${tag}`)
      expect(text).toContain('Page 1 of 1')
    }
    finally {
      rmSync(dir, { recursive: true, force: true })
    }
    const [run] = (await runsOf(reportId)).filter(r => r.scheduleId === link.id)
    expect(run).toMatchObject({ manual: true, status: 'delivered', delivered: ['report store', 'mail to 1 person (as a link)'] })
    expect((await api('manager', 'GET', `/api/reports/${reportId}/schedules`)).json().items.find((x: { id: string }) => x.id === link.id).nextRunAt).toBe(link.nextRunAt)
  })

  it('while the Reports module is off, due times pass without a run, and none is owed when it is back', async () => {
    const schedule = (await api('manager', 'POST', `/api/reports/${reportId}/schedules`, { cadence: { frequency: 'daily', time: '04:00' }, format: 'csv', recipients: ['manager@oceanic.test'] })).json()
    expect((await api('admin', 'PUT', '/api/settings/features/reports', { enabled: false })).status).toBe(200)
    try {
      await comeDue(schedule.id, 2 * 24 * 60)
      await sweep()
      const next = () => owner.sql()<{ next: Date }[]>`select next_run_at as next from report_schedules where id = ${schedule.id}::uuid`
      const [moved] = await until(next, r => r[0]!.next.getTime() > Date.now())
      expect(moved!.next.getTime()).toBeGreaterThan(Date.now())
    }
    finally {
      expect((await api('admin', 'PUT', '/api/settings/features/reports', { enabled: true })).status).toBe(200)
    }
    await sweep()
    expect((await runsOf(reportId)).filter(r => r.scheduleId === schedule.id)).toEqual([])
    await api('manager', 'DELETE', `/api/reports/${reportId}/schedules/${schedule.id}`)
  })

  it('a run its maker can no longer make fails with the reason, delivers nothing, and tells them', async () => {
    const since = Date.now()
    const schedule = (await api('manager', 'POST', `/api/reports/${reportId}/schedules`, { cadence: { frequency: 'yearly', month: 3, day: 15, time: '10:00' }, recipients: ['manager@oceanic.test'] })).json()
    expect(schedule.description).toBe('Every March 15 at 10:00')
    // The report becomes the admin's and private (as the database's owner): its scheduler no longer sees it.
    await owner.sql()`update reports set visibility = 'private', owner_id = (select id from users where email = 'admin@oceanic.test' and tenant_id = reports.tenant_id) where id = ${reportId}::uuid`
    try {
      await comeDue(schedule.id)
      await sweep()
      const status = () => owner.sql()<{ status: string }[]>`select status from report_runs where schedule_id = ${schedule.id}::uuid`
      expect(await until(status, r => r.some(x => x.status === 'failed'))).toEqual([{ status: 'failed' }])
      // Meanwhile the manager cannot open the report, nor its history.
      expect((await api('manager', 'GET', `/api/reports/${reportId}/runs`)).status).toBe(404)
    }
    finally {
      await owner.sql()`update reports set visibility = 'workspace', owner_id = (select id from users where email = 'manager@oceanic.test' and tenant_id = reports.tenant_id) where id = ${reportId}::uuid`
    }
    const [run] = (await runsOf(reportId)).filter(r => r.scheduleId === schedule.id)
    expect(run).toMatchObject({ status: 'failed', downloadable: false, delivered: [], error: expect.stringContaining('no longer shared') })
    expect(await mailArrived('manager@oceanic.test', since)).toBe(false)
    const notes = (await api('manager', 'GET', '/api/notifications')).json().items as { kind: string, title: string, body: string }[]
    expect(notes.find(n => n.kind === 'report')).toMatchObject({ title: 'A scheduled report was not delivered', body: expect.stringContaining('no longer shared') })
  })

  it('reports may go outside the workspace only once an admin allows it; others cannot change a schedule', async () => {
    const current = (await api('admin', 'GET', '/api/settings/general')).json()
    expect(current.reportsToAnyone).toBe(false)
    await api('admin', 'PUT', '/api/settings/general', { ...current, reportsToAnyone: true })
    try {
      const res = await api('manager', 'POST', `/api/reports/${reportId}/schedules`, { cadence: { frequency: 'daily' }, recipients: ['Partner@Elsewhere.example'] })
      expect(res.status, res.body).toBe(201)
      expect(res.json().recipients).toEqual(['partner@elsewhere.example'])
      // The admin (reports:admin) may change it; the member sees it but cannot.
      expect((await api('admin', 'PATCH', `/api/reports/${reportId}/schedules/${res.json().id}`, { enabled: false })).json()).toMatchObject({ enabled: false, nextRunAt: null })
      // The member sees the schedule, not who receives it, and cannot change it.
      expect((await api('member', 'GET', `/api/reports/${reportId}/schedules`)).json().items.find((x: { id: string }) => x.id === res.json().id)).toMatchObject({ canEdit: false, recipients: [], recipientCount: 1 })
      expect((await api('member', 'DELETE', `/api/reports/${reportId}/schedules/${res.json().id}`)).status).toBe(403)

      // A mailbox that refuses: the others still get the file, and the run fails naming it.
      const since = Date.now()
      const bouncing = (await api('manager', 'POST', `/api/reports/${reportId}/schedules`, { cadence: { frequency: 'daily' }, format: 'csv', recipients: ['bounce@elsewhere.example', 'manager@oceanic.test'] })).json()
      expect((await api('manager', 'POST', `/api/reports/${reportId}/schedules/${bouncing.id}/run`)).status).toBe(202)
      const runs = await until(() => runsOf(reportId), r => r.some(x => x.scheduleId === bouncing.id && x.status === 'failed'))
      expect(runs.find(r => r.scheduleId === bouncing.id)).toMatchObject({
        status: 'failed', downloadable: true, delivered: ['report store', 'mail to 1 person (attached)'],
        error: expect.stringMatching(/^The mail to bounce@elsewhere\.example could not be sent: .*No such mailbox/),
      })
      expect((await waitForMail('manager@oceanic.test', since)).attachments).toHaveLength(1)
    }
    finally {
      await api('admin', 'PUT', '/api/settings/general', { ...current, reportsToAnyone: false })
    }
  })
})
