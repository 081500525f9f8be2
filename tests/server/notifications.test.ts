import { randomUUID } from 'node:crypto'
import { PgBoss } from 'pg-boss'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { JOB_SCHEMA } from '../../server/database/jobs-schema'
import type { Hit } from '../support/http'
import { hit, servers, serversPerDriver, signIn } from '../support/http'
import { mailArrived, waitForMail } from '../support/mail'
import { ownerAccess, ownerUrl } from '../support/owner'

// The notification centre on its own tenant (sirius): a record given to someone by someone else
// tells them, under the bell or by mail as they chose; each person sees only their own.

const HOST = 'sirius.localhost'

describe.each(serversPerDriver().map(s => [s.name, s] as const))('notifications on %s', (_name, server) => {
  let admin: string
  let member: string
  let manager: string
  let ids: Record<'admin' | 'member' | 'manager', string>
  let adminName: string
  const api = (cookie: string, method: string, path: string, body?: unknown): Promise<Hit> => hit(server.port, HOST, path, { method, body, headers: { cookie } })
  const ok = (res: Hit) => {
    expect(res.status, res.body).toBeLessThan(300)
    return res.json()
  }
  const unread = async (cookie: string) => ok(await api(cookie, 'GET', '/api/notifications/unread')).unread as number
  const latest = async (cookie: string) => ok(await api(cookie, 'GET', '/api/notifications?limit=5')).items as { id: string, kind: string, title: string, body: string | null, link: string, actor: { name: string } | null, readAt: string | null }[]
  const tag = () => randomUUID().slice(0, 6)

  beforeAll(async () => {
    ;[admin, member, manager] = await Promise.all(['admin', 'member', 'manager'].map(r => signIn(server.port, HOST, `${r}@sirius.test`))) as [string, string, string]
    const me = async (cookie: string) => ok(await hit(server.port, HOST, '/api/auth/session', { headers: { cookie } })) as { id: string, name: string }
    const people = { admin: await me(admin), member: await me(member), manager: await me(manager) }
    ids = { admin: people.admin.id, member: people.member.id, manager: people.manager.id }
    adminName = people.admin.name
    // Start from the default channel, whatever an earlier run on this database chose.
    for (const cookie of [admin, member, manager]) ok(await api(cookie, 'PUT', '/api/notifications/preferences', { assignment: 'in_app' }))
    for (const cookie of [admin, member, manager]) ok(await api(cookie, 'POST', '/api/notifications/read', { all: true }))
  })

  it('tells the new owner of a record, once, with who did it and a link; nobody is told about their own doing', async () => {
    const name = `Deal ${tag()}`
    const deal = ok(await api(admin, 'POST', '/api/records/deals', { name, amountMinor: 100_000, ownerId: ids.member }))
    expect(await unread(member)).toBe(1)
    const [n] = await latest(member)
    expect(n).toMatchObject({ kind: 'assignment', title: `${adminName} assigned you the deal “${name}”`, actor: { name: adminName }, link: `/deals/${deal.id}`, readAt: null })
    // The admin gave it away: nothing for them. A record one takes for oneself tells nobody.
    expect(await unread(admin)).toBe(0)
    ok(await api(member, 'POST', '/api/records/tasks', { title: `Mine ${tag()}` }))
    expect(await unread(member)).toBe(1)

    // Handed on to the manager: the manager is told, the member is not told again.
    ok(await api(admin, 'PATCH', `/api/records/deals/${deal.id}`, { ownerId: ids.manager, version: deal.version }))
    expect(await unread(manager)).toBe(1)
    expect((await latest(manager))[0]).toMatchObject({ link: `/deals/${deal.id}` })
    expect(await unread(member)).toBe(1)
    // An edit that leaves the owner alone tells nobody.
    const fresh = ok(await api(admin, 'GET', `/api/records/deals/${deal.id}`))
    ok(await api(admin, 'PATCH', `/api/records/deals/${deal.id}`, { name: `${name} (renamed)`, version: fresh.version }))
    expect(await unread(manager)).toBe(1)
  })

  it('a bulk assignment is one notification for the lot, naming them', async () => {
    const titles = [`Bulk ${tag()} a`, `Bulk ${tag()} b`, `Bulk ${tag()} c`]
    const made = await Promise.all(titles.map(async title => ok(await api(admin, 'POST', '/api/records/tasks', { title, ownerId: ids.admin })).id as string))
    const before = await unread(manager)
    ok(await api(admin, 'POST', '/api/records/tasks/bulk', { action: 'assign', ids: made, ownerId: ids.manager }))
    expect(await unread(manager)).toBe(before + 1)
    const [n] = await latest(manager)
    expect(n!.title).toMatch(/assigned you 3 tasks$/)
    for (const title of titles) expect(n!.body).toContain(title)
    expect(n!.link).toBe('/tasks')
  })

  it('marks one, or all, read; only one\'s own', async () => {
    ok(await api(admin, 'POST', '/api/records/tasks', { title: `Read ${tag()}`, ownerId: ids.member }))
    ok(await api(admin, 'POST', '/api/records/tasks', { title: `Read ${tag()}`, ownerId: ids.member }))
    const count = await unread(member)
    expect(count).toBeGreaterThanOrEqual(2)
    const [first] = await latest(member)
    // Someone else's id changes nothing for them.
    const managerCount = await unread(manager)
    const [theirs] = await latest(manager)
    expect(ok(await api(member, 'POST', '/api/notifications/read', { ids: [theirs!.id] })).unread).toBe(count)
    expect(await unread(manager)).toBe(managerCount)

    expect(ok(await api(member, 'POST', '/api/notifications/read', { ids: [first!.id] })).unread).toBe(count - 1)
    expect((await latest(member))[0]!.readAt).not.toBeNull()
    expect(ok(await api(member, 'GET', '/api/notifications?unread=true&limit=50')).items.map((n: { id: string }) => n.id)).not.toContain(first!.id)
    expect(ok(await api(member, 'POST', '/api/notifications/read', { all: true })).unread).toBe(0)
  })

  it('pages newest first with a cursor', async () => {
    for (let i = 0; i < 3; i++) ok(await api(admin, 'POST', '/api/records/tasks', { title: `Page ${tag()}`, ownerId: ids.member }))
    const one = ok(await api(member, 'GET', '/api/notifications?limit=2'))
    expect(one.items).toHaveLength(2)
    expect(one.nextCursor).toBeTruthy()
    const two = ok(await api(member, 'GET', `/api/notifications?limit=2&cursor=${encodeURIComponent(one.nextCursor)}`))
    expect(two.items[0].createdAt <= one.items[1].createdAt).toBe(true)
    expect(new Set([...one.items, ...two.items].map((n: { id: string }) => n.id)).size).toBe(one.items.length + two.items.length)
  })

  it('keeps to the channel each person chose: off tells nothing, email keeps it from the bell', async () => {
    expect(ok(await api(member, 'GET', '/api/notifications/preferences'))).toEqual({ assignment: 'in_app', mention: 'in_app', approval: 'in_app', workflow: 'in_app', report: 'in_app', digest: 'off' })
    expect(ok(await api(member, 'PUT', '/api/notifications/preferences', { assignment: 'none' }))).toEqual({ assignment: 'none', mention: 'in_app', approval: 'in_app', workflow: 'in_app', report: 'in_app', digest: 'off' })
    const before = await unread(member)
    ok(await api(admin, 'POST', '/api/records/tasks', { title: `Off ${tag()}`, ownerId: ids.member }))
    expect(await unread(member)).toBe(before)
    ok(await api(member, 'PUT', '/api/notifications/preferences', { assignment: 'email' }))
    ok(await api(admin, 'POST', '/api/records/tasks', { title: `Mailed ${tag()}`, ownerId: ids.member }))
    expect(await unread(member)).toBe(before)
    ok(await api(member, 'PUT', '/api/notifications/preferences', { assignment: 'in_app' }))
  })

  it('a note that mentions people tells those who can see the record, with the note in plain words; not the author, nor who may not read it', async () => {
    const support = await signIn(server.port, HOST, 'support@sirius.test')
    const supportId = ok(await hit(server.port, HOST, '/api/auth/session', { headers: { cookie: support } })).id as string
    ok(await api(support, 'POST', '/api/notifications/read', { all: true }))
    ok(await api(member, 'PUT', '/api/notifications/preferences', { mention: 'in_app' }))
    ok(await api(member, 'POST', '/api/notifications/read', { all: true }))
    const name = `Deal ${tag()}`
    const deal = ok(await api(admin, 'POST', '/api/records/deals', { name, amountMinor: 50_000 }))
    // Support may not read deals; the admin is the author; the last id is nobody's.
    const body = `Can you call them, @[Mia Member](${ids.member})? Cc @[Sam Support](${supportId}) @[Ada Admin](${ids.admin}) @[Ghost](${randomUUID()})`
    ok(await api(admin, 'POST', `/api/records/deals/${deal.id}/activities`, { kind: 'note', body }))
    expect(await unread(member)).toBe(1)
    expect((await latest(member))[0]).toMatchObject({
      kind: 'mention',
      title: `${adminName} mentioned you on the deal “${name}”`,
      body: 'Can you call them, @Mia Member? Cc @Sam Support @Ada Admin @Ghost',
      link: `/deals/${deal.id}`,
      actor: { name: adminName },
    })
    expect(await unread(support)).toBe(0)
    expect(await unread(admin)).toBe(0)
    // The timeline keeps the tokens (the page draws them as "@Name").
    const timeline = ok(await api(admin, 'GET', `/api/records/deals/${deal.id}/activities`)).items as { kind: string, body: string | null }[]
    expect(timeline.find(a => a.kind === 'note')?.body).toBe(body)
    // A mention of oneself, and a note with no mention, tell nobody; "mention" off is respected.
    ok(await api(member, 'PUT', '/api/notifications/preferences', { mention: 'none' }))
    ok(await api(admin, 'POST', `/api/records/deals/${deal.id}/activities`, { kind: 'note', body: `Again, @[Mia Member](${ids.member})` }))
    expect(await unread(member)).toBe(1)
    ok(await api(member, 'PUT', '/api/notifications/preferences', { mention: 'in_app' }))
  })

  it('refuses bad input with the error contract, API keys, and other workspaces\' people', async () => {
    const bad = async (method: string, path: string, body?: unknown) => {
      const res = await api(member, method, path, body)
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400)
      expect(res.json().data.code).toBeTruthy()
    }
    await bad('POST', '/api/notifications/read', {})
    await bad('POST', '/api/notifications/read', { ids: ['not-a-uuid'] })
    await bad('POST', '/api/notifications/read', { ids: [] })
    await bad('POST', '/api/notifications/read', { all: false })
    await bad('PUT', '/api/notifications/preferences', {})
    await bad('PUT', '/api/notifications/preferences', { assignment: 'pigeon' })
    await bad('PUT', '/api/notifications/preferences', { mentions: 'email' })
    await bad('PUT', '/api/notifications/preferences', { digest: 'hourly' })
    await bad('GET', '/api/notifications?limit=500')
    await bad('GET', '/api/notifications?cursor=garbage')
    expect((await hit(server.port, HOST, '/api/notifications')).status).toBe(401)
    // Globex's admin, signed in there, has nothing of sirius's; their cookie means nothing here.
    const globex = await signIn(server.port, 'globex.localhost', 'admin@globex.test')
    expect((await hit(server.port, HOST, '/api/notifications', { headers: { cookie: globex } })).status).toBe(401)
    const theirs = (await hit(server.port, 'globex.localhost', '/api/notifications?limit=50', { headers: { cookie: globex } })).json()
    expect(theirs.items.filter((n: { title: string }) => /Deal |Bulk |Read |Page |Off |Mailed /.test(n.title))).toEqual([])
  })
})

describe('notification mail on PostgreSQL', () => {
  const pg = () => servers().find(s => s.name === 'postgres')!
  const owner = ownerAccess()
  let boss: PgBoss
  beforeAll(async () => {
    boss = new PgBoss({ connectionString: ownerUrl(), schema: JOB_SCHEMA, max: 1, migrate: false, createSchema: false, supervise: false, schedule: false, registerInstance: false })
    boss.on('error', () => {})
    await boss.start()
  })
  afterAll(async () => {
    await boss?.stop({ graceful: false })
  })

  /** Runs a scheduled job now, as the cron would, and waits for it to finish. */
  const runJob = async (name: 'notifications-mail' | 'notifications-digest') => {
    let jobId: string | null = null
    // A singleton queue refuses a second waiting job (the cron's own may be waiting): send until taken.
    for (let i = 0; i < 300 && !jobId; i++) {
      jobId = await boss.send(name, {})
      if (!jobId) await new Promise(r => setTimeout(r, 200))
    }
    for (let i = 0; i < 300 && (await boss.getJobById(name, jobId!))?.state !== 'completed'; i++) await new Promise(r => setTimeout(r, 200))
  }
  const mailJob = () => runJob('notifications-mail')

  it('mails those who chose email, in the workspace\'s brand with a link to the record, once', async () => {
    const port = pg().port
    const [admin, support] = await Promise.all([signIn(port, HOST, 'admin@sirius.test'), signIn(port, HOST, 'support@sirius.test')])
    const supportId = (await hit(port, HOST, '/api/auth/session', { headers: { cookie: support } })).json().id
    expect((await hit(port, HOST, '/api/notifications/preferences', { method: 'PUT', body: { assignment: 'both' }, headers: { cookie: support } })).status).toBe(200)
    const since = Date.now()
    const title = `Mail me ${randomUUID().slice(0, 6)}`
    const task = await hit(port, HOST, '/api/records/tasks', { method: 'POST', body: { title, ownerId: supportId }, headers: { cookie: admin } })
    expect(task.status).toBe(201)
    await mailJob()
    const mail = await waitForMail('support@sirius.test', since)
    expect(mail.subject).toContain(title)
    expect(mail.from?.text).toContain('Sirius Cybernetics')
    expect(mail.text).toContain(`/tasks/${task.json().id}`)
    // Both: it is under the bell too. And the job sends nothing twice.
    expect((await hit(port, HOST, '/api/notifications?limit=1', { headers: { cookie: support } })).json().items[0].title).toContain(title)
    const again = Date.now()
    await mailJob()
    expect(await mailArrived('support@sirius.test', again)).toBe(false)
    await hit(port, HOST, '/api/notifications/preferences', { method: 'PUT', body: { assignment: 'in_app' }, headers: { cookie: support } })
  })

  it('a digest mails what is unread once its 08:00 comes (time moved, not waited for), then waits for the next; nothing unread, no mail', async () => {
    const port = pg().port
    const [admin, manager] = await Promise.all([signIn(port, HOST, 'admin@sirius.test'), signIn(port, HOST, 'manager@sirius.test')])
    const put = (body: unknown) => hit(port, HOST, '/api/notifications/preferences', { method: 'PUT', body, headers: { cookie: manager } })
    const managerId = (await hit(port, HOST, '/api/auth/session', { headers: { cookie: manager } })).json().id
    await hit(port, HOST, '/api/notifications/read', { method: 'POST', body: { all: true }, headers: { cookie: manager } })
    expect((await put({ digest: 'daily' })).json()).toMatchObject({ digest: 'daily' })
    // Due at the next 08:00 in the workspace's zone (sirius keeps the default, UTC).
    const [row] = await owner.sql()<{ due: Date }[]>`select next_due_at as due from notification_digests where user_id = ${managerId}`
    const due = new Date(row!.due)
    expect(due.getUTCHours()).toBe(8)
    expect(due.getTime()).toBeGreaterThan(Date.now())
    expect(due.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600_000)

    // Two tasks given to them; then the clock reaches 08:00.
    const titles = [`Digest ${randomUUID().slice(0, 6)} a`, `Digest ${randomUUID().slice(0, 6)} b`]
    for (const title of titles) expect((await hit(port, HOST, '/api/records/tasks', { method: 'POST', body: { title, ownerId: managerId }, headers: { cookie: admin } })).status).toBe(201)
    await owner.sql()`update notification_digests set next_due_at = now() - interval '1 minute' where user_id = ${managerId}`
    const since = Date.now()
    await runJob('notifications-digest')
    const mail = await waitForMail('manager@sirius.test', since)
    expect(mail.subject).toMatch(/^\d+ unread notifications? in Sirius Cybernetics$/)
    for (const title of titles) expect(mail.text).toContain(title)
    const [after] = await owner.sql()<{ due: Date, sent: Date | null }[]>`select next_due_at as due, last_sent_at as sent from notification_digests where user_id = ${managerId}`
    expect(new Date(after!.due).getTime()).toBeGreaterThan(Date.now())
    expect(after!.sent).not.toBeNull()

    // Due again with nothing new since: no mail, and it still moves on.
    await owner.sql()`update notification_digests set next_due_at = now() - interval '1 minute' where user_id = ${managerId}`
    const quiet = Date.now()
    await runJob('notifications-digest')
    expect(await mailArrived('manager@sirius.test', quiet)).toBe(false)
    const [moved] = await owner.sql()<{ due: Date }[]>`select next_due_at as due from notification_digests where user_id = ${managerId}`
    expect(new Date(moved!.due).getTime()).toBeGreaterThan(Date.now())
    expect((await put({ digest: 'off' })).json()).toMatchObject({ digest: 'off' })
    expect(await owner.sql()`select 1 from notification_digests where user_id = ${managerId}`).toHaveLength(0)
  })
})
