import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingHttpHeaders, Server } from 'node:http'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hit } from '../support/http'
import { hit, servers, serversPerDriver, signIn } from '../support/http'
import { linkToken, waitForMail } from '../support/mail'
import { runJobNow, until } from '../support/peers'
import { ownerAccess } from '../support/owner'

// Workflows on their own tenant (gekko), as an admin builds them and the engine runs them: each
// trigger starts one run per occurrence, each step does its effect once, outside calls go to real
// receivers on 127.0.0.1 (allowed by NUXT_OUTBOUND_ALLOW), and nothing crosses to another tenant.

const HOST = 'gekko.localhost'

interface Got { path: string, headers: IncomingHttpHeaders, body: string }

/** An HTTP receiver on 127.0.0.1 that records requests and answers what `answer` says. */
async function receiver() {
  const got: Got[] = []
  let answer: (g: Got) => number = () => 200
  const server: Server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (c) => {
      body += c
    })
    req.on('end', () => {
      const g = { path: req.url ?? '/', headers: req.headers, body }
      got.push(g)
      const status = answer(g)
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: status < 300, n: got.length }))
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.address() as { port: number }).port
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    got,
    on: (path: string) => got.filter(g => g.path === path),
    answer: (fn: typeof answer) => {
      answer = fn
    },
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  }
}

const tag = () => randomUUID().slice(0, 6)

describe.each(serversPerDriver().map(s => [s.name, s] as const))('workflows on %s', (_name, server) => {
  let admin: string
  let manager: string
  let member: string
  let ids: Record<'admin' | 'manager' | 'member', string>
  let hooks: Awaited<ReturnType<typeof receiver>>
  const api = (cookie: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Hit> =>
    hit(server.port, HOST, path, { method, body, headers: { cookie, ...headers } })
  const ok = (res: Hit) => {
    expect(res.status, res.body).toBeLessThan(300)
    return res.json()
  }
  const save = async (name: string, definition: unknown) => ok(await api(admin, 'POST', '/api/workflows', { name, definition }))
  const enable = async (id: string) => ok(await api(admin, 'POST', `/api/workflows/${id}/enable`, { enabled: true }))
  const runsOf = async (workflowId: string) => ok(await api(admin, 'GET', `/api/workflow-runs?workflowId=${workflowId}&limit=50`)).items as { id: string, status: string, depth: number, error: string | null, record: { id: string } | null, version: number }[]
  // Runs start when a commit wakes the engine; a lost wake-up is the minute's sweep's to catch, so
  // after a while the test runs that sweep now (on PostgreSQL) rather than wait for its minute.
  const settled = async (workflowId: string, count: number) => {
    const done = (runs: Awaited<ReturnType<typeof runsOf>>) => runs.length >= count && runs.every(r => !['queued', 'running'].includes(r.status))
    const runs = await until(() => runsOf(workflowId), done, server.name === 'postgres' ? 10_000 : 20_000)
    if (done(runs) || server.name !== 'postgres') return runs
    await runJobNow('workflows-sweep')
    return until(() => runsOf(workflowId), done)
  }

  beforeAll(async () => {
    ;[admin, manager, member] = await Promise.all(['admin', 'manager', 'member'].map(r => signIn(server.port, HOST, `${r}@gekko.test`))) as [string, string, string]
    const me = async (cookie: string) => ok(await hit(server.port, HOST, '/api/auth/session', { headers: { cookie } })).id as string
    ids = { admin: await me(admin), manager: await me(manager), member: await me(member) }
    hooks = await receiver()
  })
  afterAll(async () => {
    await hooks?.close()
  })

  it('refuses a definition that cannot run, naming each problem where the builder shows it', async () => {
    const res = await api(admin, 'POST', '/api/workflows', {
      name: 'Broken',
      definition: {
        trigger: { kind: 'schedule', cron: '* * * * *' },
        steps: [
          { id: 'a', type: 'update_record', fields: { name: 'x' }, next: 'b' },
          { id: 'b', type: 'create_record', recordType: 'tasks', fields: { title: '{{record.nope}} {{steps.c.id}}', bogus: '1' }, next: 'c' },
          { id: 'c', type: 'slack', url: 'https://hooks.example/x', text: 'hi', next: 'b' },
        ],
      },
    })
    expect(res.status).toBe(422)
    const paths = (res.json().data.issues as { path: string, message: string }[]).map(i => `${i.path}: ${i.message}`)
    // A cycle is reported alone: the rest of the graph cannot be judged until it ends.
    expect(paths).toEqual(['steps.b: The steps go round in a circle here; a workflow must end'])

    const again = await api(admin, 'POST', '/api/workflows', {
      name: 'Broken',
      definition: {
        trigger: { kind: 'schedule', cron: '* * * * *' },
        steps: [
          { id: 'a', type: 'update_record', fields: { name: 'x' }, next: 'b' },
          { id: 'b', type: 'create_record', recordType: 'tasks', fields: { title: '{{record.nope}} {{steps.c.id}}', bogus: '1' }, next: null },
          { id: 'c', type: 'notify', recipients: { owner: false, userIds: [randomUUID()] }, title: 'x' },
        ],
      },
    })
    expect(again.status).toBe(422)
    const issues = again.json().data.issues as { path: string, message: string }[]
    const at = (path: string) => issues.filter(i => i.path === path).map(i => i.message)
    expect(at('trigger.cron')).toEqual(['Fires more often than once every 5 minutes'])
    expect(at('steps.a')).toEqual(['This workflow\'s runs are about no record to update'])
    expect(at('steps.b.fields.bogus')).toEqual(['Tasks have no field bogus that can be set'])
    expect(at('steps.b.fields.title')).toEqual(['{{record.nope}}: this workflow\'s runs are about no record', '{{steps.c.id}}: step c does not run before this one'])
    expect(at('steps.c')).toEqual(['No step leads here'])
    expect(at('steps.c.recipients')).toEqual(['Someone chosen is not an active member of this workspace'])
    // Shape errors are the 400 of every route.
    expect((await api(admin, 'POST', '/api/workflows', { name: 'x', definition: { trigger: { kind: 'event', event: 'deal.updated' }, steps: [] } })).status).toBe(400)
    expect((await api(admin, 'GET', '/api/workflows')).json().items.map((w: { name: string }) => w.name)).not.toContain('Broken')
  })

  it('an event trigger starts one run per matching change: it tells the owner and makes a task, once', async () => {
    const t = tag()
    const wf = await save(`Large deals ${t}`, {
      trigger: { kind: 'event', event: 'deal.updated', conditions: [{ field: 'record.amountMinor', op: 'gt', value: 5_000_000 }, { field: 'record.amountMinor', op: 'changed' }] },
      steps: [
        { id: 'tell', type: 'notify', recipients: { owner: true, userIds: [] }, title: 'Large deal: {{record.name}}', next: 'task' },
        { id: 'task', type: 'create_record', recordType: 'tasks', fields: { title: 'Review {{record.name}} ({{trigger.record.amountMinor}})', relatedType: 'deals', relatedId: '{{record.id}}', ownerId: '{{record.ownerId}}', priority: 'high' } },
      ],
    })
    expect(wf).toMatchObject({ enabled: false, version: 1, problems: [] })
    // Switched off, it starts nothing.
    const deal = ok(await api(manager, 'POST', '/api/records/deals', { name: `Deal ${t}`, amountMinor: 100_000, ownerId: ids.member }))
    let current = ok(await api(manager, 'PATCH', `/api/records/deals/${deal.id}`, { amountMinor: 6_000_000, version: deal.version }))
    await enable(wf.id)
    // A change below the line, and a refused (stale) one, start nothing.
    current = ok(await api(manager, 'PATCH', `/api/records/deals/${deal.id}`, { amountMinor: 200_000, version: current.version }))
    expect((await api(manager, 'PATCH', `/api/records/deals/${deal.id}`, { amountMinor: 9_000_000, version: current.version - 1 })).status).toBe(409)
    const unreadBefore = ok(await api(member, 'GET', '/api/notifications/unread')).unread as number
    current = ok(await api(manager, 'PATCH', `/api/records/deals/${deal.id}`, { amountMinor: 7_500_000, version: current.version }))
    // A rename of a large deal is not a change of its amount.
    ok(await api(manager, 'PATCH', `/api/records/deals/${deal.id}`, { name: `Deal ${t}!`, version: current.version }))

    const runs = await settled(wf.id, 1)
    await new Promise(r => setTimeout(r, 1500))
    expect(await runsOf(wf.id)).toHaveLength(1)
    expect(runs[0]).toMatchObject({ status: 'succeeded', record: { id: deal.id }, version: 1, depth: 0 })
    const detail = ok(await api(admin, 'GET', `/api/workflow-runs/${runs[0]!.id}`))
    expect(detail.steps.map((s: { stepId: string, status: string }) => `${s.stepId}:${s.status}`)).toEqual(['tell:succeeded', 'task:succeeded'])
    const taskId = detail.steps[1].output.id
    const task = ok(await api(admin, 'GET', `/api/records/tasks/${taskId}`))
    expect(task).toMatchObject({ title: `Review Deal ${t} (7500000)`, ownerId: ids.member, priority: 'high', relatedType: 'deals', relatedId: deal.id })
    expect(ok(await api(member, 'GET', '/api/notifications/unread')).unread).toBe(unreadBefore + 2) // the notice, and the task given to them
    const notices = ok(await api(member, 'GET', '/api/notifications?limit=5')).items as { kind: string, title: string, link: string }[]
    expect(notices.find(n => n.kind === 'workflow')).toMatchObject({ title: `Large deal: Deal ${t}`, link: `/deals/${deal.id}` })
    // The run shows on the record's history, and in the audit log as the workflow's doing.
    expect(ok(await api(admin, 'GET', `/api/workflow-runs?recordId=${deal.id}`)).items.map((r: { id: string }) => r.id)).toEqual([runs[0]!.id])
  })

  it('a manual workflow runs on the chosen records once per request, and updates each', async () => {
    const t = tag()
    const wf = await save(`Tag accounts ${t}`, {
      trigger: { kind: 'manual', recordType: 'accounts' },
      steps: [{ id: 'tag', type: 'update_record', fields: { industry: 'Tagged {{record.name}}', employees: '42' } }],
    })
    const accounts = await Promise.all([1, 2].map(async n => ok(await api(manager, 'POST', '/api/records/accounts', { name: `Acc ${t} ${n}` }))))
    expect((await api(manager, 'POST', `/api/workflows/${wf.id}/run`, { recordIds: [accounts[0].id] })).json().message).toBe('Switch the workflow on first')
    await enable(wf.id)
    const key = randomUUID()
    const started = ok(await api(manager, 'POST', `/api/workflows/${wf.id}/run`, { recordIds: accounts.map(a => a.id) }, { 'idempotency-key': key }))
    expect(started.runs).toHaveLength(2)
    // The same request again (a client's retry) gets the same answer and starts nothing more.
    expect(ok(await api(manager, 'POST', `/api/workflows/${wf.id}/run`, { recordIds: accounts.map(a => a.id) }, { 'idempotency-key': key })).runs).toEqual(started.runs)
    const runs = await settled(wf.id, 2)
    expect(runs.map(r => r.status)).toEqual(['succeeded', 'succeeded'])
    for (const a of accounts) expect(ok(await api(admin, 'GET', `/api/records/accounts/${a.id}`))).toMatchObject({ industry: `Tagged ${a.name}`, employees: 42 })
    // A record the person cannot see cannot be run on; a record of another type is not found.
    expect((await api(manager, 'POST', `/api/workflows/${wf.id}/run`, { recordIds: [randomUUID()] })).status).toBe(404)
  })

  it('HTTP, Slack and Teams steps reach real receivers; a passing failure is tried again under the same idempotency key', async () => {
    const t = tag()
    let failFirst = true
    hooks.answer((g) => {
      if (g.path === '/crm' && failFirst) {
        failFirst = false
        return 503
      }
      return 200
    })
    const wf = await save(`Outside ${t}`, {
      trigger: { kind: 'manual', recordType: 'contacts' },
      steps: [
        { id: 'call', type: 'http_request', method: 'POST', url: hooks.url('/crm'), headers: [{ name: 'Authorization', value: `Bearer s3cret-${t}`, secret: true }, { name: 'X-Who', value: '{{record.email}}' }], body: '{"email":"{{record.email}}","run":"{{run.id}}"}', next: 'slack' },
        { id: 'slack', type: 'slack', url: hooks.url('/slack'), text: 'New contact *{{record.firstName}}* (crm said {{steps.call.status}})', next: 'teams' },
        { id: 'teams', type: 'teams', url: hooks.url('/teams'), title: 'Contact {{record.lastName}}', text: 'Added to {{workspace.name}}' },
      ],
    })
    // The secret never comes back.
    expect(JSON.stringify(ok(await api(admin, 'GET', `/api/workflows/${wf.id}`)))).not.toContain(`s3cret-${t}`)
    await enable(wf.id)
    const contact = ok(await api(manager, 'POST', '/api/records/contacts', { firstName: 'Ada', lastName: `L${t}`, email: `ada-${t}@example.com` }))
    const [run] = ok(await api(manager, 'POST', `/api/workflows/${wf.id}/run`, { recordIds: [contact.id] })).runs
    // The 503 leaves the run waiting for its next try: bring that time forward instead of waiting for it.
    const waiting = await until(async () => ok(await api(admin, 'GET', `/api/workflow-runs/${run.id}`)), r => r.status === 'waiting')
    expect(waiting).toMatchObject({ status: 'waiting', currentStep: 'call', error: expect.stringContaining('Answered 503') })
    await bringForward(run.id)
    const done = await until(async () => ok(await api(admin, 'GET', `/api/workflow-runs/${run.id}`)), r => r.status === 'succeeded')
    expect(done.status).toBe('succeeded')
    const calls = hooks.on('/crm').filter(g => g.body.includes(contact.email))
    expect(calls).toHaveLength(2)
    expect(calls[0]!.headers['idempotency-key']).toBe(`${run.id}:call`)
    expect(calls[1]!.headers['idempotency-key']).toBe(`${run.id}:call`)
    expect(calls[1]!.headers.authorization).toBe(`Bearer s3cret-${t}`)
    expect(calls[1]!.headers['x-who']).toBe(contact.email)
    expect(JSON.parse(calls[1]!.body)).toEqual({ email: contact.email, run: run.id })
    expect(done.steps.find((s: { stepId: string }) => s.stepId === 'call')).toMatchObject({ status: 'succeeded', attempts: 2, output: { status: 200 } })
    expect(JSON.stringify(done.steps)).not.toContain(`s3cret-${t}`)
    const slack = JSON.parse(hooks.on('/slack').find(g => g.body.includes('Ada'))!.body)
    expect(slack).toEqual({ text: 'New contact *Ada* (crm said 200)', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'New contact *Ada* (crm said 200)' } }] })
    const teams = JSON.parse(hooks.on('/teams').find(g => g.body.includes(`L${t}`))!.body)
    expect(teams.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive')
    expect(teams.attachments[0].content.body.map((b: { text: string }) => b.text)).toEqual([`Contact L${t}`, 'Added to Gekko & Co'])
  })

  it('a 4xx ends the run with the reason; retried from the failed step once the receiver is fixed', async () => {
    const t = tag()
    hooks.answer(g => (g.path === '/broken' && g.body.includes(t) && !fixed ? 404 : 200))
    let fixed = false
    const wf = await save(`Fails ${t}`, {
      trigger: { kind: 'manual', recordType: 'accounts' },
      steps: [
        { id: 'mark', type: 'update_record', fields: { city: 'Step one' }, next: 'post' },
        { id: 'post', type: 'slack', url: hooks.url('/broken'), text: `{{record.name}} ${t}` },
      ],
    })
    await enable(wf.id)
    const account = ok(await api(manager, 'POST', '/api/records/accounts', { name: `Fail ${t}` }))
    const [run] = ok(await api(manager, 'POST', `/api/workflows/${wf.id}/run`, { recordIds: [account.id] })).runs
    const failed = await until(async () => ok(await api(admin, 'GET', `/api/workflow-runs/${run.id}`)), r => r.status === 'failed')
    expect(failed).toMatchObject({ status: 'failed', currentStep: 'post', error: expect.stringMatching(/^Answered 404/) })
    expect(ok(await api(admin, 'GET', `/api/workflow-runs?workflowId=${wf.id}&status=failed`)).items.map((r: { id: string }) => r.id)).toEqual([run.id])
    fixed = true
    expect((await api(admin, 'POST', `/api/workflow-runs/${run.id}/cancel`)).status).toBe(409)
    ok(await api(admin, 'POST', `/api/workflow-runs/${run.id}/retry`))
    const done = await until(async () => ok(await api(admin, 'GET', `/api/workflow-runs/${run.id}`)), r => r.status === 'succeeded')
    expect(done.steps.map((s: { stepId: string, status: string }) => `${s.stepId}:${s.status}`)).toEqual(['mark:succeeded', 'post:succeeded'])
    // The step before the failure did not run again: the account changed once.
    const history = ok(await api(admin, 'GET', `/api/records/accounts/${account.id}`))
    expect(history.version).toBe(account.version + 1)
    expect((await api(admin, 'POST', `/api/workflow-runs/${run.id}/retry`)).status).toBe(409)
  })

  it('a workflow that re-triggers itself stops at the loop guard, and says so', async () => {
    const t = tag()
    const wf = await save(`Loop ${t}`, {
      trigger: { kind: 'event', event: 'account.updated', conditions: [{ field: 'record.name', op: 'contains', value: `Loop ${t}` }] },
      steps: [{ id: 'bump', type: 'update_record', fields: { employees: '{{record.version}}' } }],
    })
    await enable(wf.id)
    const account = ok(await api(manager, 'POST', '/api/records/accounts', { name: `Loop ${t}` }))
    ok(await api(manager, 'PATCH', `/api/records/accounts/${account.id}`, { city: 'Start', version: account.version }))
    const runs = await until(() => runsOf(wf.id), r => r.some(x => x.status === 'stopped'), 40_000)
    expect(runs.map(r => r.depth).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6])
    const stopped = runs.find(r => r.status === 'stopped')!
    expect(stopped.depth).toBe(6)
    expect(stopped.error).toMatch(/loop guard/)
    expect(runs.filter(r => r.status === 'succeeded')).toHaveLength(6)
  })

  it('a dry run says what each step would do and changes nothing', async () => {
    const t = tag()
    const wf = await save(`Dry ${t}`, {
      trigger: { kind: 'manual', recordType: 'leads' },
      steps: [
        { id: 'hot', type: 'condition', conditions: [{ field: 'record.source', op: 'eq', value: 'referral' }], next: 'task', else: 'mail' },
        { id: 'task', type: 'create_record', recordType: 'tasks', fields: { title: `Call {{record.firstName}} ${t}` } },
        { id: 'mail', type: 'send_email', to: 'sales@example.com', subject: 'Cold lead {{record.lastName}}', body: 'See {{record.company}}' },
      ],
    })
    const lead = ok(await api(manager, 'POST', '/api/records/leads', { firstName: 'Grace', lastName: `H${t}`, company: 'Navy', source: 'referral' }))
    const dry = ok(await api(admin, 'POST', `/api/workflows/${wf.id}/test`, { recordId: lead.id }))
    expect(dry.problems).toEqual([])
    expect(dry.steps.map((s: { stepId: string }) => s.stepId)).toEqual(['hot', 'task'])
    expect(dry.steps[1]).toMatchObject({ would: 'Would create a record in tasks', input: { fields: { title: `Call Grace ${t}` } } })
    const other = ok(await api(admin, 'POST', `/api/workflows/${wf.id}/test`, { recordId: lead.id, definition: { ...wf.definition, steps: wf.definition.steps.map((s: { id: string }) => s.id === 'hot' ? { ...s, conditions: [{ field: 'record.source', op: 'eq', value: 'event' }] } : s) } }))
    expect(other.steps.map((s: { would: string }) => s.would)).toEqual(['Would check 1 condition(s): no', 'Would mail sales@example.com'])
    // A workflow not saved yet is tried by its definition alone (the builder's new workflow).
    const unsaved = ok(await api(admin, 'POST', '/api/workflows/test', { recordId: lead.id, definition: wf.definition }))
    expect(unsaved.steps.map((s: { stepId: string }) => s.stepId)).toEqual(['hot', 'task'])
    expect((await api(admin, 'POST', '/api/workflows/test', { recordId: lead.id })).status).toBe(400)
    expect((await api(member, 'POST', '/api/workflows/test', { definition: wf.definition })).status).toBe(403)
    expect(ok(await api(admin, 'GET', `/api/records/tasks?q=${encodeURIComponent(`Call Grace ${t}`)}`)).items).toEqual([])
    expect(await runsOf(wf.id)).toEqual([])
  })

  it('an incoming webhook starts one run per message it accepts; a sender\'s retry starts none', async () => {
    const t = tag()
    const receiver = ok(await api(admin, 'POST', '/api/webhooks/receivers', { name: `Billing ${t}` }))
    const wf = await save(`Inbound ${t}`, {
      trigger: { kind: 'webhook', receiverId: receiver.id, conditions: [{ field: 'trigger.payload.kind', op: 'eq', value: 'invoice.paid' }] },
      steps: [{ id: 'task', type: 'create_record', recordType: 'tasks', fields: { title: 'Paid {{trigger.payload.invoice}} via {{trigger.receiverName}}' } }],
    })
    await enable(wf.id)
    const send = (id: string, payload: unknown) => {
      const body = JSON.stringify(payload)
      const at = new Date()
      return hit(server.port, HOST, receiver.path, { method: 'POST', body, headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(receiver.secret).sign(id, at, body) } })
    }
    const msg = `msg_${t}`
    expect((await send(msg, { kind: 'invoice.paid', invoice: `INV-${t}` })).status).toBeLessThan(300)
    expect((await send(msg, { kind: 'invoice.paid', invoice: `INV-${t}` })).status).toBeLessThan(300)
    expect((await send(`other_${t}`, { kind: 'invoice.voided', invoice: `INV-${t}` })).status).toBeLessThan(300)
    const runs = await settled(wf.id, 1)
    await new Promise(r => setTimeout(r, 1500))
    expect((await runsOf(wf.id)).map(r => r.status)).toEqual(['succeeded'])
    const tasks = ok(await api(admin, 'GET', `/api/records/tasks?q=${encodeURIComponent(`Paid INV-${t}`)}`)).items as { title: string }[]
    expect(tasks.map(x => x.title)).toEqual([`Paid INV-${t} via Billing ${t}`])
    expect(runs[0]!.record).toBeNull()
    // A manager (who may not manage webhooks) reads the receiver's name in the list of workflows.
    expect((await api(manager, 'GET', '/api/webhooks/receivers')).status).toBe(403)
    expect(ok(await api(manager, 'GET', '/api/workflows')).receivers).toContainEqual({ id: receiver.id, name: `Billing ${t}` })
  })

  it('is the workspace\'s own: another workspace, a member without the permission, a plan without the module', async () => {
    const wf = await save(`Private ${tag()}`, { trigger: { kind: 'manual', recordType: 'tasks' }, steps: [{ id: 'n', type: 'notify', recipients: { owner: true, userIds: [] }, title: 'Hi' }] })
    const other = await signIn(server.port, 'sirius.localhost', 'admin@sirius.test')
    const elsewhere = (path: string, method = 'GET') => hit(server.port, 'sirius.localhost', path, { method, headers: { cookie: other }, body: method === 'GET' ? undefined : { enabled: true } })
    expect((await elsewhere(`/api/workflows/${wf.id}`)).status).toBe(404)
    expect((await elsewhere(`/api/workflows/${wf.id}/enable`, 'POST')).status).toBe(404)
    expect((await elsewhere('/api/workflows')).json().items.map((w: { id: string }) => w.id)).not.toContain(wf.id)
    expect((await elsewhere(`/api/workflow-runs?workflowId=${wf.id}`)).json().items).toEqual([])
    expect((await api(member, 'GET', '/api/workflows')).status).toBe(403)
    expect((await api(manager, 'DELETE', `/api/workflows/${wf.id}`)).status).toBe(204)
    const starter = await signIn(server.port, 'globex.localhost', 'admin@globex.test')
    const res = await hit(server.port, 'globex.localhost', '/api/workflows', { headers: { cookie: starter } })
    expect([res.status, res.json().data.code]).toEqual([404, 'FEATURE_DISABLED'])
  })

  /** Brings a waiting run's time forward (PostgreSQL: as its owner; PGlite: its retry delay is short enough to wait). */
  async function bringForward(runId: string) {
    if (server.name !== 'postgres') return
    await owner.sql()`update workflow_runs set resume_at = now() where id = ${runId}::uuid`
    await hit(server.port, HOST, '/api/health')
    // The sweep would queue it within a minute; a change of any record wakes the engine at once.
    ok(await api(manager, 'POST', '/api/records/tasks', { title: `Wake ${tag()}` }))
  }
})

const owner = ownerAccess()

describe('scheduled and waiting workflows on PostgreSQL', () => {
  const pg = () => servers().find(s => s.name === 'postgres')!
  it('a schedule starts one run at its time, in the workspace\'s time zone; a waiting run can be cancelled', async () => {
    const port = pg().port
    const admin = await signIn(port, HOST, 'admin@gekko.test')
    const api = (method: string, path: string, body?: unknown) => hit(port, HOST, path, { method, body, headers: { cookie: admin } })
    const preview = (await api('POST', '/api/workflows/schedule-preview', { cron: '0 8 * * 1', timeZone: 'Europe/Berlin' })).json()
    expect(preview.problem).toBeNull()
    expect(preview.next).toHaveLength(5)
    for (const at of preview.next) expect(new Date(at).toLocaleString('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short', hour: '2-digit', minute: '2-digit' })).toBe('Mon 08:00')
    expect((await api('POST', '/api/workflows/schedule-preview', { cron: '*/2 * * * *' })).json().problem).toBe('Fires more often than once every 5 minutes')

    const t = tag()
    const wf = (await api('POST', '/api/workflows', { name: `Nightly ${t}`, definition: {
      trigger: { kind: 'schedule', cron: '30 2 * * *', timeZone: 'UTC' },
      steps: [{ id: 'make', type: 'create_record', recordType: 'tasks', fields: { title: `Nightly ${t} {{trigger.firedAt}}` } }],
    } })).json()
    const on = (await api('POST', `/api/workflows/${wf.id}/enable`, { enabled: true })).json()
    expect(new Date(on.nextRunAt).toISOString()).toMatch(/T02:30:00.000Z$/)
    // Its time comes: move it to a minute ago, as if the night had passed.
    const firedAt = new Date(Date.now() - 60_000)
    firedAt.setUTCSeconds(0, 0)
    await owner.sql()`update workflows set next_fire_at = ${firedAt} where id = ${wf.id}::uuid`
    // The minute's sweep would find it; any change in the workspace wakes the engine sooner.
    await api('POST', '/api/records/accounts', { name: `Wake ${t}` })
    const runsOf = async () => (await api('GET', `/api/workflow-runs?workflowId=${wf.id}`)).json().items as { id: string, status: string, triggerKind: string }[]
    const runs = await until(runsOf, r => r.length > 0 && r[0]!.status === 'succeeded', 20_000)
    expect(runs).toMatchObject([{ status: 'succeeded', triggerKind: 'schedule' }])
    const after = (await api('GET', `/api/workflows/${wf.id}`)).json()
    expect(new Date(after.nextRunAt).getTime()).toBeGreaterThan(Date.now())
    const tasks = (await api('GET', `/api/records/tasks?q=${encodeURIComponent(`Nightly ${t}`)}`)).json().items as { title: string }[]
    expect(tasks.map(x => x.title)).toEqual([`Nightly ${t} ${firedAt.toISOString()}`])

    // A run waiting on a delay is cancelled: when its time comes, nothing more happens.
    const waiter = (await api('POST', '/api/workflows', { name: `Waits ${t}`, definition: {
      trigger: { kind: 'manual', recordType: 'tasks' },
      steps: [{ id: 'wait', type: 'delay', seconds: 3600, next: 'make' }, { id: 'make', type: 'create_record', recordType: 'tasks', fields: { title: `Late ${t}` } }],
    } })).json()
    await api('POST', `/api/workflows/${waiter.id}/enable`, { enabled: true })
    const [run] = (await api('POST', `/api/workflows/${waiter.id}/run`, { recordIds: [tasks.length ? (await api('GET', `/api/records/tasks?q=${encodeURIComponent(`Nightly ${t}`)}`)).json().items[0].id : ''] })).json().runs
    const waiting = await until(async () => (await api('GET', `/api/workflow-runs/${run.id}`)).json(), r => r.status === 'waiting')
    expect(waiting).toMatchObject({ status: 'waiting', currentStep: 'make' })
    // Edits make a new version; the waiting run keeps the one it started on.
    const edited = (await api('PUT', `/api/workflows/${waiter.id}`, { name: `Waits ${t}`, description: '', definition: { ...waiter.definition, steps: [waiter.definition.steps[0], { ...waiter.definition.steps[1], fields: { title: `Later ${t}` } }] } })).json()
    expect(edited.version).toBe(2)
    expect((await api('POST', `/api/workflow-runs/${run.id}/cancel`)).json()).toMatchObject({ status: 'cancelled', version: 1 })
    await owner.sql()`update workflow_runs set resume_at = now() - interval '1 minute' where id = ${run.id}::uuid`
    await new Promise(r => setTimeout(r, 3000))
    expect((await api('GET', `/api/workflow-runs/${run.id}`)).json()).toMatchObject({ status: 'cancelled', steps: [{ stepId: 'wait', status: 'succeeded' }] })
    expect((await api('GET', `/api/records/tasks?q=${encodeURIComponent(`Late ${t}`)}`)).json().items).toEqual([])
  })
})

describe('approval chains on PostgreSQL', () => {
  const pg = () => servers().find(s => s.name === 'postgres')!
  let cookies: Record<'admin' | 'manager' | 'member' | 'support', string>
  let ids: Record<'admin' | 'manager' | 'member' | 'support', string>
  const as = (who: keyof typeof cookies, method: string, path: string, body?: unknown) => hit(pg().port, HOST, path, { method, body, headers: { cookie: cookies[who] } })
  const ok = (res: Hit) => {
    expect(res.status, res.body).toBeLessThan(300)
    return res.json()
  }
  const roles = ['admin', 'manager', 'member', 'support'] as const

  beforeAll(async () => {
    const port = pg().port
    cookies = Object.fromEntries(await Promise.all(roles.map(async r => [r, await signIn(port, HOST, `${r}@gekko.test`)]))) as typeof cookies
    ids = Object.fromEntries(await Promise.all(roles.map(async r => [r, (await hit(port, HOST, '/api/auth/session', { headers: { cookie: cookies[r] } })).json().id]))) as typeof ids
  })

  /** A manual workflow on deals: two levels (2 of member/support/manager, then the admin), approved → rename, rejected → tell the owner. */
  async function chain(t: string, extra: Record<string, unknown> = {}, inboxOf: keyof typeof cookies = 'member') {
    const wf = ok(await as('admin', 'POST', '/api/workflows', { name: `Approve ${t}`, definition: {
      trigger: { kind: 'manual', recordType: 'deals' },
      steps: [
        { id: 'approve', type: 'approval', title: 'Discount on {{record.name}}', levels: [
          { name: 'Team', approvers: { roleKeys: ['manager', 'member', 'support'] }, quorum: 2 },
          { name: 'Head', approvers: { userIds: [ids.admin] } },
        ], next: 'mark', else: 'tell', ...extra },
        { id: 'mark', type: 'update_record', fields: { name: '{{record.name}} (approved by {{steps.approve.decidedBy}})' } },
        { id: 'tell', type: 'notify', recipients: { owner: true, userIds: [] }, title: 'Rejected: {{record.name}}', body: '{{steps.approve.comment}}' },
      ],
    } }))
    ok(await as('admin', 'POST', `/api/workflows/${wf.id}/enable`, { enabled: true }))
    const deal = ok(await as('manager', 'POST', '/api/records/deals', { name: `Deal ${t}`, amountMinor: 900_000, ownerId: ids.admin }))
    const since = Date.now()
    const [run] = ok(await as('manager', 'POST', `/api/workflows/${wf.id}/run`, { recordIds: [deal.id] })).runs
    const inbox = await until(async () => ok(await as(inboxOf, 'GET', '/api/approvals')).items as { id: string, runId: string, title: string, canDecide: boolean }[], items => items.some(i => i.runId === run.id))
    const request = inbox.find(i => i.runId === run.id)!
    return { wf, deal, run, request, since }
  }
  const runOf = async (id: string) => ok(await as('admin', 'GET', `/api/workflow-runs/${id}`))

  it('two levels with a quorum: approvals from the app and a mailed link (once), the requester refused; the run goes the approved way; all audited', async () => {
    const t = tag()
    const { deal, run, request, since } = await chain(t)
    expect(request).toMatchObject({ title: `Discount on Deal ${t}`, canDecide: true })
    expect((await runOf(run.id))).toMatchObject({ status: 'waiting', currentStep: 'approve' })
    // The manager started it: not an approver of their own request, and refused if they try.
    expect(ok(await as('manager', 'GET', `/api/approvals/${request.id}`))).toMatchObject({ canDecide: false, requester: { id: ids.manager } })
    expect((await as('manager', 'POST', `/api/approvals/${request.id}/decide`, { decision: 'approved' })).status).toBe(403)
    // The head is not asked before the team has approved.
    expect((await as('admin', 'POST', `/api/approvals/${request.id}/decide`, { decision: 'approved' })).status).toBe(403)

    ok(await as('member', 'POST', `/api/approvals/${request.id}/decide`, { decision: 'approved', comment: 'Fine by me' }))
    expect((await as('member', 'POST', `/api/approvals/${request.id}/decide`, { decision: 'approved' })).status).toBe(403)
    // Support decides from the mail, without signing in.
    const mail = await waitForMail('support@gekko.test', since)
    expect(mail.subject).toBe(`Approval needed: Discount on Deal ${t}`)
    const token = linkToken(mail)
    const seen = await hit(pg().port, HOST, `/api/approvals/link?token=${token}`)
    expect(seen.json()).toMatchObject({ id: request.id, canDecide: true, levels: [{ name: 'Team', needed: 2, status: 'open' }, { name: 'Head', status: 'waiting' }] })
    const viaLink = await hit(pg().port, HOST, '/api/approvals/link', { method: 'POST', body: { token, decision: 'approved', comment: 'OK' } })
    expect(viaLink.json().levels.map((l: { status: string }) => l.status)).toEqual(['approved', 'open'])
    // The link works once, and only on its own workspace's host.
    expect((await hit(pg().port, HOST, '/api/approvals/link', { method: 'POST', body: { token, decision: 'rejected' } })).status).toBe(409)
    expect((await hit(pg().port, 'sirius.localhost', `/api/approvals/link?token=${token}`)).status).toBe(404)

    ok(await as('admin', 'POST', `/api/approvals/${request.id}/decide`, { decision: 'approved', comment: 'Go' }))
    const done = await until(() => runOf(run.id), r => r.status === 'succeeded')
    expect(done.steps.map((s: { stepId: string, status: string }) => `${s.stepId}:${s.status}`)).toEqual(['approve:succeeded', 'mark:succeeded'])
    expect(ok(await as('admin', 'GET', `/api/records/deals/${deal.id}`)).name).toBe(`Deal ${t} (approved by ${ids.admin})`)
    // The record shows its approval history; each decision is in the audit log.
    const history = ok(await as('member', 'GET', `/api/approvals?recordType=deals&recordId=${deal.id}`)).items
    expect(history).toMatchObject([{ id: request.id, status: 'approved' }])
    const detail = ok(await as('member', 'GET', `/api/approvals/${request.id}`))
    expect(detail.levels.flatMap((l: { decisions: { name: string, decision: string, via: string }[] }) => l.decisions.map(d => `${d.decision} ${d.via}`))).toEqual(['approved app', 'approved link', 'approved app'])
    const audit = ok(await as('admin', 'GET', `/api/audit?action=approval.approved&entityId=${request.id}`))
    expect(audit.items).toHaveLength(3)
  })

  it('"the record owner\'s team lead": the team\'s lead; where the owner leads it, the parent team\'s lead; with no lead, its managers', async () => {
    const t = tag()
    const team = async (name: string, parentId: string | null, userIds: string[], leadId: string | null) => {
      const made = ok(await as('admin', 'POST', '/api/teams', { name: `${name} ${t}`, parentId }))
      ok(await as('admin', 'PUT', `/api/teams/${made.id}/members`, { userIds, leadId }))
      return made.id as string
    }
    const wf = ok(await as('admin', 'POST', '/api/workflows', { name: `Lead asks ${t}`, definition: {
      trigger: { kind: 'manual', recordType: 'deals' },
      // A definition saved before leads existed names them the old way: it reads the same.
      steps: [{ id: 'approve', type: 'approval', title: 'Lead check {{record.name}}', levels: [{ approvers: { ownerTeamManagers: true } }] }],
    } }))
    expect(wf.definition.steps[0].levels[0].approvers).toMatchObject({ ownerTeamLeads: true })
    ok(await as('admin', 'POST', `/api/workflows/${wf.id}/enable`, { enabled: true }))
    const approversFor = async (ownerId: string) => {
      const deal = ok(await as('admin', 'POST', '/api/records/deals', { name: `Lead deal ${t} ${ownerId.slice(0, 4)}`, amountMinor: 1_000, ownerId }))
      const [run] = ok(await as('admin', 'POST', `/api/workflows/${wf.id}/run`, { recordIds: [deal.id] })).runs
      const opened = await until(async () => ok(await as('admin', 'GET', `/api/approvals?recordType=deals&recordId=${deal.id}`)).items as { id: string }[], items => items.length > 0)
      const detail = ok(await as('admin', 'GET', `/api/approvals/${opened[0]!.id}`))
      ok(await as('admin', 'POST', `/api/workflow-runs/${run.id}/cancel`))
      return (detail.levels[0].approvers as { id: string }[]).map(a => a.id).sort()
    }
    // Sales (led by the manager) holds Desk (led by support, with the member in it).
    const sales = await team('Sales', null, [ids.manager, ids.support], ids.manager)
    const desk = await team('Desk', sales, [ids.support, ids.member], ids.support)
    expect(await approversFor(ids.member)).toEqual([ids.support])
    // Support leads Desk: their own records go to the lead above (they are also in Sales, led by the manager).
    expect(await approversFor(ids.support)).toEqual([ids.manager])
    // A team with no lead asks its managers and admins.
    const solo = await team('Solo', null, [ids.manager, ids.member], null)
    expect(await approversFor(ids.member)).toEqual([ids.manager, ids.support].sort())
    for (const id of [desk, solo, sales]) ok(await as('admin', 'PUT', `/api/teams/${id}/members`, { userIds: [] }))
  })

  it('a rejection that leaves the quorum out of reach takes the rejected way with its comment', async () => {
    const t = tag()
    const { run, request } = await chain(t)
    const before = ok(await as('admin', 'GET', '/api/notifications/unread')).unread as number
    ok(await as('support', 'POST', `/api/approvals/${request.id}/decide`, { decision: 'rejected', comment: `Too deep a discount ${t}` }))
    const done = await until(() => runOf(run.id), r => r.status === 'succeeded')
    expect(done.steps.map((s: { stepId: string }) => s.stepId)).toEqual(['approve', 'tell'])
    expect(done.steps[0].output).toMatchObject({ decision: 'rejected', comment: `Too deep a discount ${t}`, decidedBy: ids.support })
    expect(ok(await as('admin', 'GET', '/api/notifications/unread')).unread).toBeGreaterThan(before)
    const notices = ok(await as('admin', 'GET', '/api/notifications?limit=10')).items as { title: string, body: string }[]
    expect(notices.find(n => n.title === `Rejected: Deal ${t}`)?.body).toBe(`Too deep a discount ${t}`)
    // Decided: nobody can decide again, and it leaves the inbox.
    expect((await as('member', 'POST', `/api/approvals/${request.id}/decide`, { decision: 'approved' })).status).toBe(409)
    expect(ok(await as('member', 'GET', '/api/approvals')).items.map((i: { id: string }) => i.id)).not.toContain(request.id)
  })

  it('past its due time the approvers are reminded and the escalation member may decide; a cancelled run withdraws it', async () => {
    const t = tag()
    const { run, request } = await chain(t, { dueHours: 4, escalateTo: [ids.admin] })
    expect(ok(await as('admin', 'GET', `/api/approvals/${request.id}`)).canDecide).toBe(false)
    // Four hours pass.
    await owner.sql()`update approval_requests set due_at = now() - interval '1 minute' where id = ${request.id}::uuid`
    await owner.sql()`update workflow_runs set resume_at = now() - interval '1 minute' where id = ${run.id}::uuid`
    ok(await as('member', 'POST', '/api/records/tasks', { title: `Wake ${t}` }))
    const escalated = await until(async () => ok(await as('admin', 'GET', `/api/approvals/${request.id}`)), a => a.canDecide)
    expect(escalated.levels[0].approvers.filter((a: { escalated: boolean }) => a.escalated).map((a: { id: string }) => a.id)).toEqual([ids.admin])
    const reminders = ok(await as('support', 'GET', '/api/notifications?limit=10')).items as { title: string }[]
    expect(reminders.map(n => n.title)).toContain(`Reminder: Approval needed: Discount on Deal ${t}`)
    const audit = ok(await as('admin', 'GET', `/api/audit?action=approval.escalated&entityId=${request.id}`))
    expect(audit.items).toHaveLength(1)

    ok(await as('admin', 'POST', `/api/workflow-runs/${run.id}/cancel`))
    expect((await as('admin', 'POST', `/api/approvals/${request.id}/decide`, { decision: 'approved' })).json()).toMatchObject({ statusCode: 409, message: 'This request has already been withdrawn' })
  })

  it('a member away hands their approvals to a delegate, for requests opened meanwhile', async () => {
    const away = new Date(Date.now() + 86_400_000).toISOString()
    expect((await as('member', 'PUT', '/api/approvals/delegation', { delegateId: ids.member, until: away })).status).toBe(400)
    ok(await as('member', 'PUT', '/api/approvals/delegation', { delegateId: ids.admin, until: away }))
    try {
      const t = tag()
      const { request } = await chain(t, {}, 'admin')
      const detail = ok(await as('admin', 'GET', `/api/approvals/${request.id}`))
      const team = detail.levels[0].approvers.map((a: { name: string, onBehalfOf: string | null }) => a.onBehalfOf ? `${a.name} for ${a.onBehalfOf}` : a.name)
      expect(team).toHaveLength(2)
      expect(team.some((x: string) => x.includes(' for '))).toBe(true)
      expect(ok(await as('member', 'GET', '/api/approvals')).items.map((i: { id: string }) => i.id)).not.toContain(request.id)
      ok(await as('admin', 'POST', `/api/approvals/${request.id}/decide`, { decision: 'approved' }))
      const after = ok(await as('admin', 'GET', `/api/approvals/${request.id}`))
      expect(after.levels[0].decisions).toMatchObject([{ userId: ids.admin, decision: 'approved' }])
    }
    finally {
      expect((await as('member', 'DELETE', '/api/approvals/delegation')).status).toBe(204)
    }
    expect(ok(await as('member', 'GET', '/api/approvals/delegation')).delegation).toBeNull()
  })
})

describe('assign, mail and webhook event steps on PostgreSQL', () => {
  const pg = () => servers().find(s => s.name === 'postgres')!
  it('round-robin assigns in turn, the mail arrives in the workspace\'s brand, the event goes to the outbox; each once', async () => {
    const port = pg().port
    const admin = await signIn(port, HOST, 'admin@gekko.test')
    const api = (method: string, path: string, body?: unknown) => hit(port, HOST, path, { method, body, headers: { cookie: admin } })
    const t = tag()
    const people = (await api('GET', '/api/members?status=active&pageSize=100')).json().items as { id: string, email: string }[]
    const pair = people.filter(p => /^(member|support)@gekko\.test$/.test(p.email)).map(p => p.id).sort()
    expect(pair).toHaveLength(2)
    const team = (await api('POST', '/api/teams', { name: `Round ${t}` })).json()
    expect((await api('PUT', `/api/teams/${team.id}/members`, { userIds: pair })).status).toBe(200)
    const wf = (await api('POST', '/api/workflows', { name: `Lead flow ${t}`, definition: {
      trigger: { kind: 'manual', recordType: 'leads' },
      steps: [
        { id: 'assign', type: 'assign', mode: 'round_robin', teamId: team.id, next: 'mail' },
        { id: 'mail', type: 'send_email', to: `sales-${t}@gekko.test`, subject: 'New lead {{record.lastName}}', body: 'Owner: {{steps.assign.ownerId}}', next: 'tell' },
        { id: 'tell', type: 'webhook_event', message: 'Lead {{record.lastName}} is with {{steps.assign.ownerId}}' },
      ],
    } })).json()
    expect(wf.problems).toEqual([])
    await api('POST', `/api/workflows/${wf.id}/enable`, { enabled: true })
    const leads = await Promise.all([1, 2, 3].map(async n => (await api('POST', '/api/records/leads', { firstName: 'Lead', lastName: `${t}-${n}`, company: 'Co' })).json()))
    const since = Date.now()
    const runs: { id: string }[] = []
    for (const lead of leads) runs.push(...(await api('POST', `/api/workflows/${wf.id}/run`, { recordIds: [lead.id] })).json().runs)
    for (const run of runs) await until(async () => (await api('GET', `/api/workflow-runs/${run.id}`)).json(), r => r.status === 'succeeded')
    const owners = await Promise.all(leads.map(async l => (await api('GET', `/api/records/leads/${l.id}`)).json().ownerId as string))
    // In turn (the runs may go in any order): one member twice, the other once.
    expect(new Set(owners)).toEqual(new Set(pair))
    expect(pair.map(id => owners.filter(o => o === id).length).sort()).toEqual([1, 2])
    const mail = await waitForMail(`sales-${t}@gekko.test`, since)
    expect(mail.subject).toMatch(new RegExp(`^New lead ${t}-\\d$`))
    expect(mail.html).toContain('Gekko &#38; Co')
    expect(mail.html).toContain('#15803d')
    const events = await owner.sql()<{ message: string }[]>`select data->>'message' as message from domain_events where type = 'workflow.message' and data->>'workflowId' = ${wf.id}`
    expect(events.map(e => e.message).sort()).toEqual(leads.map((l, i) => `Lead ${l.lastName} is with ${owners[i]}`).sort())
  })
})

describe('automation plan limits and run retention on PostgreSQL', () => {
  const pg = () => servers().find(s => s.name === 'postgres')!
  const AT = 'abstergo.localhost'
  it('the Rationed plan\'s two active workflows and three runs a month: the next is refused or recorded as not run, and both show as usage; runs are kept for the chosen days', async () => {
    const port = pg().port
    const [admin, member] = await Promise.all([signIn(port, AT, 'admin@abstergo.test'), signIn(port, AT, 'member@abstergo.test')])
    const api = (method: string, path: string, body?: unknown, cookie = admin) => hit(port, AT, path, { method, body, headers: { cookie } })
    // A fresh month, whatever an earlier run on this database left.
    await owner.sql()`delete from usage_daily where metric = 'workflow_runs' and tenant_id = (select id from tenants where slug = 'abstergo')`
    await owner.sql()`update workflows set enabled = false where tenant_id = (select id from tenants where slug = 'abstergo')`
    const t = tag()
    const make = { id: 'make', type: 'create_record', recordType: 'tasks', fields: { title: `Made ${t}` } }
    const save = async (name: string, trigger: unknown) => (await api('POST', '/api/workflows', { name: `${name} ${t}`, definition: { trigger, steps: [make] } })).json() as { id: string }
    const byHand = await save('By hand', { kind: 'manual', recordType: 'accounts' })
    const onCreate = await save('On create', { kind: 'event', event: 'account.created', conditions: [{ field: 'record.name', op: 'contains', value: t }] })
    const third = await save('Third', { kind: 'manual', recordType: 'accounts' })
    for (const wf of [byHand, onCreate]) expect((await api('POST', `/api/workflows/${wf.id}/enable`, { enabled: true })).status).toBe(200)
    const refused = await api('POST', `/api/workflows/${third.id}/enable`, { enabled: true })
    expect(refused.status).toBe(409)
    expect(refused.json()).toMatchObject({ message: expect.stringContaining('The plan allows 2 active workflows and 2 are on'), data: { code: 'PLAN_LIMIT' } })
    expect((await api('GET', '/api/workflows')).json().allowance).toMatchObject({ activeWorkflows: { used: 2, limit: 2 }, runsThisMonth: { used: 0, limit: 3 }, runRetentionDays: 90 })

    // Two accounts: two runs of the event workflow (2 of 3 used).
    const account = async (n: number) => (await api('POST', '/api/records/accounts', { name: `Acct ${t} ${n}` })).json() as { id: string }
    const [a1, a2] = [await account(1), await account(2)]
    const runsOf = async (id: string) => (await api('GET', `/api/workflow-runs?workflowId=${id}`)).json().items as { id: string, status: string, error: string | null }[]
    const two = await until(() => runsOf(onCreate.id), r => r.length === 2 && r.every(x => x.status === 'succeeded'))
    expect(two.map(r => r.status)).toEqual(['succeeded', 'succeeded'])
    // By hand on two records with one run left: refused whole, nothing started.
    const tooMany = await api('POST', `/api/workflows/${byHand.id}/run`, { recordIds: [a1.id, a2.id] })
    expect(tooMany.status).toBe(409)
    expect(tooMany.json()).toMatchObject({ message: expect.stringContaining('(1 left, 2 asked for)'), data: { code: 'PLAN_LIMIT' } })
    expect(await runsOf(byHand.id)).toEqual([])
    expect((await api('POST', `/api/workflows/${byHand.id}/run`, { recordIds: [a1.id] })).status).toBe(202)
    // The allowance used: the next event is recorded as not run, with the reason, and makes nothing.
    await account(3)
    const three = await until(() => runsOf(onCreate.id), r => r.length === 3)
    expect(three[0]).toMatchObject({ status: 'stopped', error: expect.stringContaining('The plan\'s 3 workflow runs this month are used') })
    await until(() => runsOf(byHand.id), r => r[0]?.status === 'succeeded')
    const made = (await api('GET', `/api/records/tasks?q=${encodeURIComponent(`Made ${t}`)}`)).json().items as unknown[]
    expect(made).toHaveLength(3)
    const plan = (await api('GET', '/api/settings/plan')).json()
    expect(plan.limits).toMatchObject({ activeWorkflows: 2, workflowRunsPerMonth: 3 })
    expect(plan.usage).toMatchObject({ activeWorkflows: 2, workflowRunsThisMonth: 3 })

    // Retention: 7 to 365 days, set by those who may edit workflows, audited; older finished runs go.
    expect((await api('PUT', '/api/workflows/settings', { runRetentionDays: 3 })).json()).toMatchObject({ data: { code: 'VALIDATION_FAILED', issues: [{ path: 'runRetentionDays' }] } })
    expect((await api('PUT', '/api/workflows/settings', { runRetentionDays: 30 }, member)).status).toBe(403)
    expect((await api('PUT', '/api/workflows/settings', { runRetentionDays: 30 })).json()).toMatchObject({ runRetentionDays: 30 })
    const [old, kept] = two
    await owner.sql()`update workflow_runs set finished_at = now() - interval '31 days' where id = ${old!.id}::uuid`
    await owner.sql()`update workflow_runs set finished_at = now() - interval '29 days' where id = ${kept!.id}::uuid`
    await account(4) // wakes the engine, whose pass prunes
    const gone = await until(async () => (await api('GET', `/api/workflow-runs/${old!.id}`)).status, s => s === 404)
    expect(gone).toBe(404)
    expect((await api('GET', `/api/workflow-runs/${kept!.id}`)).status).toBe(200)
    const audit = (await api('GET', '/api/audit?action=workflow.settings_changed')).json().items as { before: unknown, after: unknown }[]
    expect(audit[0]).toMatchObject({ after: { runRetentionDays: 30 } })
  })
})
