import { randomUUID } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EVENT_TYPES, recordEventKey } from '../../shared/events'
import { RECORD_TYPES } from '../../shared/records'
import type { RecordType } from '../../shared/records'
import type { Hit } from '../support/http'
import { hit, servers, signIn } from '../support/http'
import { multipart } from '../support/images'
import { linkToken, waitForMail } from '../support/mail'
import { runJobNow } from '../support/peers'
import { ownerAccess } from '../support/owner'

// Every kind of change a customer's systems can hear of (shared/events.ts) is written to the outbox
// exactly once, by the change itself: each step below makes one change through the API, then the
// outbox (read as the database's owner) must hold exactly one event of that type naming it. The
// first test fails when a catalogue entry has no step.

const HOST = 'acme.localhost'
const TITLE: Record<RecordType, Record<string, string>> = {
  accounts: { name: 'Events account' },
  contacts: { firstName: 'Eve', lastName: 'Events' },
  leads: { firstName: 'Lee', lastName: 'Events' },
  deals: { name: 'Events deal' },
  tasks: { title: 'Events task' },
  tickets: { subject: 'Events ticket' },
}
const RENAMED: Record<RecordType, Record<string, string>> = {
  accounts: { name: 'Events account, renamed' },
  contacts: { lastName: 'Renamed' },
  leads: { lastName: 'Renamed' },
  deals: { name: 'Events deal, renamed' },
  tasks: { title: 'Events task, renamed' },
  tickets: { subject: 'Events ticket, renamed' },
}

interface Step {
  type: string
  /** Makes the change; answers the id the event's data names. */
  run: () => Promise<string>
  /** How many events of the type the change makes (one unless a bulk change says otherwise). */
  count?: number
}

describe('domain events on PostgreSQL: one per change, in the outbox', () => {
  const owner = ownerAccess()
  const port = () => servers().find(s => s.name === 'postgres')!.port
  let admin: string
  let tenantId: string
  const api = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}, host = HOST, cookie = admin): Promise<Hit> =>
    hit(port(), host, path, { method, body, headers: { cookie, ...headers } })
  const ok = (res: Hit) => {
    expect(res.status, res.body).toBeLessThan(300)
    return res.json()
  }

  const sweepSla = () => runJobNow('tickets-sla-sweep')

  beforeAll(async () => {
    admin = await signIn(port(), HOST, 'admin@acme.test')
    ;[{ id: tenantId }] = await owner.sql()<{ id: string }[]>`select id from tenants where slug = 'acme'`
  })

  // What the steps share: the records they made (by type) and the member invited.
  const made = new Map<RecordType, { id: string, version: number }>()
  const member: { email: string, id?: string, token?: string } = { email: `events-${randomUUID().slice(0, 8)}@acme.test` }
  let endpointId = ''
  let receiverId = ''
  afterAll(async () => {
    if (endpointId) await api('DELETE', `/api/webhooks/${endpointId}`)
    if (receiverId) await api('DELETE', `/api/webhooks/receivers/${receiverId}`)
  })

  const recordSteps = RECORD_TYPES.flatMap((type): Step[] => {
    const key = recordEventKey(type)
    return [
      { type: `${key}.created`, run: async () => {
        const row = ok(await api('POST', `/api/records/${type}`, TITLE[type]))
        made.set(type, row)
        return row.id
      } },
      { type: `${key}.updated`, run: async () => {
        const row = ok(await api('PATCH', `/api/records/${type}/${made.get(type)!.id}`, { ...RENAMED[type], version: made.get(type)!.version }))
        made.set(type, row)
        return row.id
      } },
      { type: `${key}.deleted`, run: async () => {
        ok(await api('DELETE', `/api/records/${type}/${made.get(type)!.id}`))
        return made.get(type)!.id
      } },
      { type: `${key}.restored`, run: async () => ok(await api('POST', `/api/records/${type}/${made.get(type)!.id}/restore`)).id },
    ]
  })

  const STEPS: Step[] = [
    ...recordSteps,
    { type: 'deal.stage_changed', run: async () => {
      const deal = ok(await api('POST', '/api/records/deals', { name: 'Events deal on the move' }))
      const pipeline = (ok(await api('GET', '/api/pipelines')) as { id: string, stages: { id: string, kind: string }[] }[]).find(p => p.id === deal.pipelineId)!
      const next = pipeline.stages.find(s => s.id !== deal.stageId && s.kind === 'open')!
      ok(await api('POST', `/api/deals/${deal.id}/move`, { stageId: next.id, version: deal.version }))
      return deal.id
    } },
    { type: 'ticket.sla_breached', run: async () => {
      const ticket = ok(await api('POST', '/api/records/tickets', { subject: `Events breach ${randomUUID().slice(0, 6)}` }))
      // Its due time moved into the past rather than waited for; then the minute's sweep, run now
      // and run again (as a retry or a second instance would): still one event.
      await owner.sql()`update tickets set sla_due_at = now() - interval '1 minute' where id = ${ticket.id}`
      await sweepSla()
      await sweepSla()
      return ticket.id
    } },
    { type: 'lead.converted', run: async () => {
      const lead = ok(await api('POST', '/api/records/leads', { firstName: 'Conny', lastName: 'Converted', company: `Events ${randomUUID().slice(0, 6)}` }))
      ok(await api('POST', `/api/leads/${lead.id}/convert`, { createDeal: false }))
      return lead.id
    } },
    { type: 'member.invited', run: async () => {
      const since = Date.now() - 1000
      const res = ok(await api('POST', '/api/members/invitations', { email: member.email, role: 'member' }))
      member.id = res.invited?.id ?? res.id
      member.token = linkToken(await waitForMail(member.email, since))
      return member.id!
    } },
    { type: 'member.joined', run: async () => {
      ok(await api('POST', '/api/auth/accept-invitation', { token: member.token, name: 'Eve Events', password: 'Events-walk-password-42' }, {}, HOST, ''))
      return member.id!
    } },
    { type: 'member.role_changed', run: async () => {
      ok(await api('PATCH', `/api/members/${member.id}`, { role: 'viewer' }))
      return member.id!
    } },
    { type: 'member.removed', run: async () => {
      ok(await api('DELETE', `/api/members/${member.id}`))
      return member.id!
    } },
    { type: 'dashboard.shared', run: async () => {
      const board = ok(await api('POST', '/api/dashboards', { name: `Events board ${randomUUID().slice(0, 6)}` }))
      ok(await api('PATCH', `/api/dashboards/${board.id}`, { sharedRoleKeys: ['member'], version: board.version }))
      return board.id
    } },
    { type: 'import.finished', run: async () => {
      const form = multipart('file', 'import.csv', 'text/csv', Buffer.from('Name\nImported by events one\nImported by events two\n'))
      const boundary = form.contentType.split('boundary=')[1]!
      const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="options"\r\n\r\n${JSON.stringify({ mapping: { Name: 'name' }, dryRun: false })}\r\n`), form.body])
      expect(ok(await api('POST', '/api/records/accounts/import', body, { 'content-type': form.contentType })).imported).toBe(2)
      return 'accounts'
    } },
    { type: 'export.ready', run: async () => {
      // Another export of acme may be under way (a test alongside): wait for it to end first.
      let res = await api('POST', '/api/settings/data-exports')
      for (let i = 0; i < 60 && res.status === 409; i++) {
        await new Promise(r => setTimeout(r, 1000))
        res = await api('POST', '/api/settings/data-exports')
      }
      return ok(res).id
    } },
    { type: 'webhook.received', run: async () => {
      const receiver = ok(await api('POST', '/api/webhooks/receivers', { name: 'Events walk' }))
      receiverId = receiver.id
      const at = new Date()
      const body = JSON.stringify({ hello: 'events' })
      const signature = new Webhook(receiver.secret).sign('msg_events_walk', at, body)
      ok(await hit(port(), HOST, receiver.path, { method: 'POST', body, headers: { 'content-type': 'application/json', 'webhook-id': 'msg_events_walk', 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature } }))
      return receiver.id
    } },
    { type: 'workflow.message', run: async () => {
      const account = ok(await api('POST', '/api/records/accounts', { name: `Events workflow ${randomUUID().slice(0, 6)}` }))
      const wf = ok(await api('POST', '/api/workflows', { name: `Events walk ${randomUUID().slice(0, 6)}`, definition: {
        trigger: { kind: 'manual', recordType: 'accounts' }, steps: [{ id: 'say', type: 'webhook_event', message: 'Hello from {{record.name}}' }],
      } }))
      ok(await api('POST', `/api/workflows/${wf.id}/enable`, { enabled: true }))
      ok(await api('POST', `/api/workflows/${wf.id}/run`, { recordIds: [account.id] }))
      return wf.id
    } },
    { type: 'report.delivered', run: async () => {
      const report = ok(await api('POST', '/api/reports', { name: `Events walk ${randomUUID().slice(0, 6)}`, definition: { source: 'accounts', columns: [{ field: 'name' }] } }))
      const schedule = ok(await api('POST', `/api/reports/${report.id}/schedules`, { cadence: { frequency: 'daily' }, format: 'csv', webhook: true }))
      ok(await api('POST', `/api/reports/${report.id}/schedules/${schedule.id}/run`))
      return report.id
    } },
    { type: 'webhook.test', run: async () => {
      endpointId = ok(await api('POST', '/api/webhooks', { url: 'http://127.0.0.1:9/events-walk', eventTypes: ['account.created'] })).id
      ok(await api('POST', `/api/webhooks/${endpointId}/test`))
      return endpointId
    } },
  ]

  it('every event of the catalogue has a step below', () => {
    expect(STEPS.map(s => s.type).sort()).toEqual([...EVENT_TYPES].sort())
  })

  it.each(STEPS)('$type', async (step) => {
    const [{ now: since }] = await owner.sql()<{ now: Date }[]>`select now()`
    const id = await step.run()
    // export.ready comes from a job: wait for it (the others are there when the answer is).
    const events = async () => owner.sql()<{ type: string, data: any, actorType: string }[]>`
      select type, data, actor_type as "actorType" from domain_events
      where tenant_id = ${tenantId} and occurred_at >= ${since} and type = ${step.type} and data::text like ${`%${id}%`}`
    let found = await events()
    for (let i = 0; i < 300 && !found.length; i++) {
      await new Promise(r => setTimeout(r, 200))
      found = await events()
    }
    expect(found, `${step.type} naming ${id}`).toHaveLength(step.count ?? 1)
    // Who acted: the signed-in person; the platform for a job's event, an invitation accepted
    // (nobody is signed in yet when it is) and a message from another system; the run for a
    // workflow's; the schedule for a scheduled report's.
    expect(found[0]!.actorType).toBe(step.type === 'workflow.message' ? 'workflow_run' : step.type === 'report.delivered' ? 'report_schedule' : ['export.ready', 'member.joined', 'webhook.received', 'ticket.sla_breached'].includes(step.type) ? 'system' : 'user')
  }, 90_000)

  it('an SLA breach: not for a resolved ticket; announced again after a new priority sets a new due time', async () => {
    const breaches = async (id: string) => (await owner.sql()<{ n: number }[]>`select count(*)::int as n from domain_events where tenant_id = ${tenantId} and type = 'ticket.sla_breached' and data->'record'->>'id' = ${id}`)[0]!.n
    const resolved = ok(await api('POST', '/api/records/tickets', { subject: `Resolved in time ${randomUUID().slice(0, 6)}`, status: 'resolved' }))
    const open = ok(await api('POST', '/api/records/tickets', { subject: `Breached twice ${randomUUID().slice(0, 6)}`, priority: 'low' }))
    await owner.sql()`update tickets set sla_due_at = now() - interval '1 minute' where id in ${owner.sql()([resolved.id, open.id])}`
    await sweepSla()
    expect(await breaches(resolved.id)).toBe(0)
    expect(await breaches(open.id)).toBe(1)
    const [{ breachedAt }] = await owner.sql()<{ breachedAt: Date | null }[]>`select sla_breached_at as "breachedAt" from tickets where id = ${open.id}`
    expect(breachedAt).not.toBeNull()
    // The ticket's page shows when it breached (the field is in the catalogue, read-only).
    expect(ok(await api('GET', `/api/records/tickets/${open.id}`)).slaBreachedAt).toBe(breachedAt!.toISOString())

    // Urgent now: a new due time (from its creation), re-armed; past again, announced again.
    const current = ok(await api('GET', `/api/records/tickets/${open.id}`))
    ok(await api('PATCH', `/api/records/tickets/${open.id}`, { priority: 'urgent', version: current.version }))
    expect((await owner.sql()<{ b: Date | null }[]>`select sla_breached_at as b from tickets where id = ${open.id}`)[0]!.b).toBeNull()
    await owner.sql()`update tickets set sla_due_at = now() - interval '1 minute' where id = ${open.id}`
    await sweepSla()
    expect(await breaches(open.id)).toBe(2)
    // A breach older than a day is not news: never announced.
    const old = ok(await api('POST', '/api/records/tickets', { subject: `Long overdue ${randomUUID().slice(0, 6)}` }))
    await owner.sql()`update tickets set sla_due_at = now() - interval '3 days' where id = ${old.id}`
    await sweepSla()
    expect(await breaches(old.id)).toBe(0)
  }, 90_000)

  it('a bulk change makes one event per record, and the catalogue\'s schema holds for what was written', async () => {
    const a = ok(await api('POST', '/api/records/accounts', { name: 'Bulk events one' }))
    const b = ok(await api('POST', '/api/records/accounts', { name: 'Bulk events two' }))
    const [{ now: since }] = await owner.sql()<{ now: Date }[]>`select now()`
    ok(await api('POST', '/api/records/accounts/bulk', { action: 'delete', ids: [a.id, b.id] }))
    const rows = await owner.sql()<{ data: { id: string } }[]>`
      select data from domain_events where tenant_id = ${tenantId} and occurred_at >= ${since} and type = 'account.deleted' and data->>'id' in ${owner.sql()([a.id, b.id])}`
    expect(rows.map(r => r.data.id).sort()).toEqual([a.id, b.id].sort())
  })
})
