import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { WorkspacePreferences } from '../../shared/schemas/workspace'
import { slaDueAt } from '../../shared/sla'
import { hit, servers, serversPerDriver, signIn } from '../support/http'
import { ownerAccess } from '../support/owner'

// Pipelines and stages edited by the tenant, the board's deal moves, lead conversion (all or
// nothing) and tickets' SLA. Writes go to bluth only (dunder is read to prove isolation).

const HOST = 'bluth.localhost'

interface Stage { id: string, name: string, position: number, probability: number, kind: 'open' | 'won' | 'lost', dealCount: number }
interface Pipeline { id: string, name: string, isDefault: boolean, stages: Stage[] }

const paths = (res: { json: () => { data?: { issues?: { path: string }[] } } }) => res.json().data?.issues?.map(i => i.path)

describe.each(serversPerDriver())('pipelines, deal moves, lead conversion and SLAs on $name', ({ port }) => {
  const cookies: Record<string, string> = {}
  const api = (who: string, method: string, path: string, body?: unknown) => hit(port, HOST, path, { method, body, headers: { cookie: cookies[who]! } })
  const tag = `${port}-${Date.now().toString(36)}`
  const pipelines = async () => (await api('admin', 'GET', '/api/pipelines')).json() as Pipeline[]
  const defaultOf = async () => (await pipelines()).find(p => p.isDefault)!
  const deal = async (id: string) => (await api('admin', 'GET', `/api/records/deals/${id}`)).json()
  const timeline = async (type: string, id: string) => (await api('admin', 'GET', `/api/records/${type}/${id}/activities`)).json().items as { kind: string, meta: Record<string, unknown> }[]
  const newDeal = async (body: Record<string, unknown>) => {
    const res = await api('admin', 'POST', '/api/records/deals', { name: `Deal ${tag}`, amountMinor: 120_000, ...body })
    expect(res.status, res.body).toBe(201)
    return res.json()
  }

  beforeAll(async () => {
    for (const role of ['admin', 'member', 'viewer', 'support']) cookies[role] = await signIn(port, HOST, `${role}@bluth.test`)
  })

  it('always has a default pipeline with stages; members read it, only deals:admin edits', async () => {
    const list = await api('viewer', 'GET', '/api/pipelines')
    expect(list.status).toBe(200)
    const all = list.json() as Pipeline[]
    expect(all.filter(p => p.isDefault)).toHaveLength(1)
    const main = all.find(p => p.isDefault)!
    expect(main.stages.map(s => s.kind)).toContain('open')
    expect(main.stages.map(s => s.position)).toEqual(main.stages.map((_, i) => i))

    expect((await api('support', 'GET', '/api/pipelines')).status).toBe(403) // no deals:read
    expect((await api('member', 'POST', '/api/pipelines', { name: 'Nope' })).status).toBe(403)
    expect((await api('member', 'PATCH', `/api/pipelines/${main.id}/stages/${main.stages[0]!.id}`, { probability: 5 })).status).toBe(403)
    expect((await api('member', 'PUT', `/api/pipelines/${main.id}/stages/order`, { stageIds: main.stages.map(s => s.id) })).status).toBe(403)
  })

  it('pipelines and stages: create, rename, reorder, set kind and probability, delete, with refusals', async () => {
    const bad = await api('admin', 'POST', '/api/pipelines', { name: `Closed only ${tag}`, stages: [{ name: 'Done', kind: 'won' }] })
    expect(bad.status).toBe(400)
    expect(paths(bad)).toEqual(['stages'])

    const created = await api('admin', 'POST', '/api/pipelines', { name: `Renewals ${tag}`, stages: [{ name: 'Talk', probability: 20 }, { name: 'Signed', kind: 'won', probability: 100 }] })
    expect(created.status, created.body).toBe(201)
    const renewals = created.json() as Pipeline
    expect(renewals.isDefault).toBe(false)
    expect(renewals.stages.map(s => [s.name, s.kind, s.probability])).toEqual([['Talk', 'open', 20], ['Signed', 'won', 100]])
    expect((await api('admin', 'POST', '/api/pipelines', { name: `renewals ${tag}` })).status).toBe(409)

    // A new open stage goes before the closed ones.
    const added = await api('admin', 'POST', `/api/pipelines/${renewals.id}/stages`, { name: 'Quote', probability: 60 })
    expect(added.status, added.body).toBe(201)
    let p = added.json() as Pipeline
    expect(p.stages.map(s => s.name)).toEqual(['Talk', 'Quote', 'Signed'])
    const [talk, quote, signed] = p.stages as [Stage, Stage, Stage]
    expect((await api('admin', 'POST', `/api/pipelines/${renewals.id}/stages`, { name: 'quote' })).status).toBe(409)

    const tooLikely = await api('admin', 'PATCH', `/api/pipelines/${renewals.id}/stages/${quote.id}`, { probability: 101 })
    expect(tooLikely.status).toBe(400)
    expect(paths(tooLikely)).toEqual(['probability'])
    const renamed = await api('admin', 'PATCH', `/api/pipelines/${renewals.id}/stages/${quote.id}`, { name: 'Offer', probability: 65 })
    expect(renamed.json().stages[1]).toMatchObject({ name: 'Offer', probability: 65, kind: 'open' })

    // At least one open stage: the last one can neither close nor go.
    expect((await api('admin', 'PATCH', `/api/pipelines/${renewals.id}/stages/${talk.id}`, { kind: 'lost' })).status).toBe(200)
    expect((await api('admin', 'PATCH', `/api/pipelines/${renewals.id}/stages/${quote.id}`, { kind: 'won' })).status).toBe(409)
    expect((await api('admin', 'DELETE', `/api/pipelines/${renewals.id}/stages/${quote.id}`)).status).toBe(409)
    expect((await api('admin', 'PATCH', `/api/pipelines/${renewals.id}/stages/${talk.id}`, { kind: 'open' })).status).toBe(200)

    // Reordering names every stage exactly once.
    const missing = await api('admin', 'PUT', `/api/pipelines/${renewals.id}/stages/order`, { stageIds: [talk.id, quote.id] })
    expect(missing.status).toBe(400)
    expect(paths(missing)).toEqual(['stageIds'])
    expect((await api('admin', 'PUT', `/api/pipelines/${renewals.id}/stages/order`, { stageIds: [talk.id, quote.id, quote.id] })).status).toBe(400)
    expect((await api('admin', 'PUT', `/api/pipelines/${renewals.id}/stages/order`, { stageIds: [talk.id, quote.id, randomUUID()] })).status).toBe(400)
    const reordered = await api('admin', 'PUT', `/api/pipelines/${renewals.id}/stages/order`, { stageIds: [quote.id, talk.id, signed.id] })
    expect(reordered.status).toBe(200)
    expect(reordered.json().stages.map((s: Stage) => s.id)).toEqual([quote.id, talk.id, signed.id])

    // A stage with deals: 409, or move them (to a stage of this pipeline only).
    const d = await newDeal({ pipelineId: renewals.id, stageId: talk.id })
    expect(d).toMatchObject({ pipelineId: renewals.id, stageId: talk.id, status: 'open' })
    const blocked = await api('admin', 'DELETE', `/api/pipelines/${renewals.id}/stages/${talk.id}`)
    expect(blocked.status).toBe(409)
    expect(blocked.json().message).toMatch(/1 deal is in this stage/)
    const main = await defaultOf()
    const elsewhere = await api('admin', 'DELETE', `/api/pipelines/${renewals.id}/stages/${talk.id}?moveTo=${main.stages[0]!.id}`)
    expect(elsewhere.status).toBe(400)
    expect(paths(elsewhere)).toEqual(['moveTo'])
    const moved = await api('admin', 'DELETE', `/api/pipelines/${renewals.id}/stages/${talk.id}?moveTo=${signed.id}`)
    expect(moved.status, moved.body).toBe(200)
    p = moved.json()
    expect(p.stages.map(s => [s.name, s.position, s.dealCount])).toEqual([['Offer', 0, 0], ['Signed', 1, 1]])
    const after = await deal(d.id)
    expect(after).toMatchObject({ stageId: signed.id, status: 'won', version: d.version + 1 })
    expect(after.closedAt).toBeTruthy()
    expect((await timeline('deals', d.id)).find(a => a.kind === 'stage_change')?.meta).toMatchObject({ from: talk.id, to: signed.id })

    // The default pipeline: made the default elsewhere, it cannot be deleted; nor can one with deals.
    const madeDefault = await api('admin', 'PATCH', `/api/pipelines/${renewals.id}`, { isDefault: true, name: `Renewals ${tag} (main)` })
    expect(madeDefault.json()).toMatchObject({ isDefault: true, name: `Renewals ${tag} (main)` })
    expect((await pipelines()).filter(x => x.isDefault).map(x => x.id)).toEqual([renewals.id])
    expect((await api('admin', 'PATCH', `/api/pipelines/${renewals.id}`, { isDefault: false })).status).toBe(400)
    expect((await api('admin', 'PATCH', `/api/pipelines/${main.id}`, { isDefault: true })).status).toBe(200)
    const withDeals = await api('admin', 'DELETE', `/api/pipelines/${renewals.id}`)
    expect(withDeals.status).toBe(409)
    expect((await api('admin', 'DELETE', `/api/pipelines/${main.id}`)).status).toBe(409) // the default

    const empty = (await api('admin', 'POST', '/api/pipelines', { name: `Spare ${tag}` })).json() as Pipeline
    expect(empty.stages.map(s => s.name)).toEqual(['Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Won', 'Lost'])
    expect((await api('admin', 'DELETE', `/api/pipelines/${empty.id}`)).json()).toEqual({ id: empty.id, deleted: true })
    expect((await pipelines()).map(x => x.id)).not.toContain(empty.id)
    expect((await api('admin', 'DELETE', `/api/pipelines/${empty.id}`)).status).toBe(404)
  })

  it('another workspace\'s pipelines and stages answer 404', async () => {
    const dunder = await signIn(port, 'dunder.localhost', 'admin@dunder.test')
    const theirs = ((await hit(port, 'dunder.localhost', '/api/pipelines', { headers: { cookie: dunder } })).json() as Pipeline[])[0]!
    expect((await api('admin', 'PATCH', `/api/pipelines/${theirs.id}`, { name: 'Mine now' })).status).toBe(404)
    expect((await api('admin', 'PATCH', `/api/pipelines/${theirs.id}/stages/${theirs.stages[0]!.id}`, { name: 'Mine now' })).status).toBe(404)
    expect((await api('admin', 'DELETE', `/api/pipelines/${theirs.id}`)).status).toBe(404)
    const main = await defaultOf()
    const d = await newDeal({})
    const foreign = await api('admin', 'POST', `/api/deals/${d.id}/move`, { stageId: theirs.stages[1]!.id, version: d.version })
    expect(foreign.status).toBe(400)
    expect(paths(foreign)).toEqual(['stageId'])
    expect((await api('admin', 'PATCH', `/api/pipelines/${main.id}/stages/${theirs.stages[0]!.id}`, { name: 'x' })).status).toBe(404)
  })

  it('a deal moved to a stage of another pipeline is refused naming stageId, and nothing changes', async () => {
    const main = await defaultOf()
    const other = (await api('admin', 'POST', '/api/pipelines', { name: `Other ${tag}`, stages: [{ name: 'Elsewhere' }] })).json() as Pipeline
    const d = await newDeal({})
    expect(d).toMatchObject({ pipelineId: main.id, stageId: main.stages[0]!.id, status: 'open', currency: 'USD' })
    for (const res of [
      await api('admin', 'POST', `/api/deals/${d.id}/move`, { stageId: other.stages[0]!.id, version: d.version }),
      await api('admin', 'PATCH', `/api/records/deals/${d.id}`, { stageId: other.stages[0]!.id, version: d.version }),
    ]) {
      expect(res.status).toBe(400)
      expect(paths(res)).toEqual(['stageId'])
    }
    const unchanged = await deal(d.id)
    expect(unchanged).toMatchObject({ stageId: d.stageId, version: d.version, status: 'open' })
    expect((await timeline('deals', d.id)).map(a => a.kind)).toEqual(['created'])
  })

  it('moving to won or lost sets status and close time and writes a stage change; lost needs a reason; stale → 409', async () => {
    const main = await defaultOf()
    const won = main.stages.find(s => s.kind === 'won')!
    const lost = main.stages.find(s => s.kind === 'lost')!
    const open = main.stages.filter(s => s.kind === 'open')
    let d = await newDeal({})

    const toSecond = await api('admin', 'POST', `/api/deals/${d.id}/move`, { stageId: open[1]!.id, version: d.version })
    expect(toSecond.status, toSecond.body).toBe(200)
    d = toSecond.json()
    expect(d).toMatchObject({ stageId: open[1]!.id, status: 'open', closedAt: null })

    const toWon = await api('admin', 'POST', `/api/deals/${d.id}/move`, { stageId: won.id, version: d.version })
    d = toWon.json()
    expect(d).toMatchObject({ stageId: won.id, status: 'won' })
    expect(Date.now() - new Date(d.closedAt as string).getTime()).toBeLessThan(60_000)

    const noReason = await api('admin', 'POST', `/api/deals/${d.id}/move`, { stageId: lost.id, version: d.version })
    expect(noReason.status).toBe(400)
    expect(paths(noReason)).toEqual(['lostReason'])
    d = (await api('admin', 'POST', `/api/deals/${d.id}/move`, { stageId: lost.id, version: d.version, lostReason: 'Went with a competitor' })).json()
    expect(d).toMatchObject({ status: 'lost', lostReason: 'Went with a competitor' })

    const stale = await api('admin', 'POST', `/api/deals/${d.id}/move`, { stageId: open[0]!.id, version: d.version - 1 })
    expect(stale.status).toBe(409)
    expect(stale.json().data).toMatchObject({ code: 'STALE', current: { id: d.id, version: d.version } })

    d = (await api('admin', 'POST', `/api/deals/${d.id}/move`, { stageId: open[0]!.id, version: d.version })).json()
    expect(d).toMatchObject({ status: 'open', closedAt: null, lostReason: null })

    const changes = (await timeline('deals', d.id)).filter(a => a.kind === 'stage_change').map(a => a.meta.to)
    expect(changes).toEqual([open[0]!.id, lost.id, won.id, open[1]!.id])
    expect((await api('viewer', 'POST', `/api/deals/${d.id}/move`, { stageId: won.id, version: d.version })).status).toBe(403)
    expect((await api('admin', 'POST', `/api/deals/${randomUUID()}/move`, { stageId: won.id, version: 1 })).status).toBe(404)

    // The board's column totals follow the same moves.
    const summary = (await api('admin', 'GET', `/api/pipelines/${main.id}/summary?ownerId=me`)).json() as { stageId: string, count: number, sums: { currency: string, amountMinor: number }[] }[]
    expect(summary.map(s => s.stageId)).toEqual(main.stages.map(s => s.id))
    expect(summary.find(s => s.stageId === open[0]!.id)!.count).toBeGreaterThanOrEqual(1)
    expect((await api('admin', 'GET', `/api/pipelines/${main.id}/summary?ownerId=nobody`)).status).toBe(400)
  })

  it('the lead lifecycle: lost needs a reason and may be reopened; conversion makes account, contact and deal; twice → 409', async () => {
    const lostNoReason = await api('admin', 'POST', '/api/records/leads', { firstName: 'Lucille', lastName: `Austero ${tag}`, status: 'lost' })
    expect(lostNoReason.status).toBe(400)
    expect(paths(lostNoReason)).toEqual(['lostReason'])
    const lostLead = (await api('admin', 'POST', '/api/records/leads', { firstName: 'Lucille', lastName: `Austero ${tag}`, status: 'lost', lostReason: 'No budget' })).json()
    const refused = await api('admin', 'POST', `/api/leads/${lostLead.id}/convert`, { createDeal: false })
    expect(refused.status).toBe(409)
    const reopened = await api('admin', 'PATCH', `/api/records/leads/${lostLead.id}`, { version: lostLead.version, status: 'contacted' })
    expect(reopened.json()).toMatchObject({ status: 'contacted', lostReason: null })

    const lead = (await api('admin', 'POST', '/api/records/leads', { firstName: 'George', lastName: `Bluth ${tag}`, company: `Bluth Frozen ${tag}`, email: `george-${tag}@bluth.test`, source: 'referral', status: 'qualified' })).json()
    const converted = await api('admin', 'POST', `/api/leads/${lead.id}/convert`, { createDeal: true, amountMinor: 250_000, dealName: `Banana stand ${tag}` })
    expect(converted.status, converted.body).toBe(201)
    const { accountId, contactId, dealId } = converted.json()
    expect(converted.json().leadId).toBe(lead.id)

    expect(await (await api('admin', 'GET', `/api/records/leads/${lead.id}`)).json()).toMatchObject({ status: 'converted', convertedAccountId: accountId, convertedContactId: contactId, convertedDealId: dealId, version: lead.version + 1 })
    expect((await api('admin', 'GET', `/api/records/accounts/${accountId}`)).json()).toMatchObject({ name: `Bluth Frozen ${tag}` })
    expect((await api('admin', 'GET', `/api/records/contacts/${contactId}`)).json()).toMatchObject({ firstName: 'George', lastName: `Bluth ${tag}`, email: `george-${tag}@bluth.test`, accountId })
    expect(await deal(dealId)).toMatchObject({ name: `Banana stand ${tag}`, accountId, contactId, amountMinor: 250_000, source: 'referral', status: 'open' })
    for (const [type, id] of [['leads', lead.id], ['accounts', accountId], ['contacts', contactId], ['deals', dealId]]) {
      expect((await timeline(type!, id!)).map(a => a.kind), type).toContain('converted')
    }
    const audit = (await api('admin', 'GET', `/api/audit?requestId=${converted.headers['x-request-id']}`)).json()
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['leads.converted'])

    const twice = await api('admin', 'POST', `/api/leads/${lead.id}/convert`, { createDeal: false })
    expect(twice.status).toBe(409)
    expect((await api('admin', 'PATCH', `/api/records/leads/${lead.id}`, { version: lead.version + 1, status: 'new' })).status).toBe(409)

    // An existing account is reused; no deal when not asked for.
    const second = (await api('admin', 'POST', '/api/records/leads', { firstName: 'Oscar', lastName: `Bluth ${tag}` })).json()
    const reused = await api('admin', 'POST', `/api/leads/${second.id}/convert`, { createDeal: false, existingAccountId: accountId })
    expect(reused.status, reused.body).toBe(201)
    expect(reused.json()).toMatchObject({ accountId, dealId: null })
    expect((await api('admin', 'GET', `/api/records/contacts/${reused.json().contactId}`)).json().accountId).toBe(accountId)
  })

  it('a converted lead links to what it became, and each of those links back to the lead, for whoever may read it', async () => {
    const lead = (await api('admin', 'POST', '/api/records/leads', { firstName: 'Lindsay', lastName: `Funke ${tag}`, company: `Funke Fashion ${tag}`, status: 'qualified' })).json()
    const before = (await api('admin', 'GET', `/api/records/leads/${lead.id}`)).json()
    expect(before).toMatchObject({ convertedInto: [], convertedFrom: [] })
    const converted = await api('admin', 'POST', `/api/leads/${lead.id}/convert`, { createDeal: true, dealName: `Funke deal ${tag}` })
    expect(converted.status, converted.body).toBe(201)
    const { accountId, contactId, dealId } = converted.json()

    const after = (await api('admin', 'GET', `/api/records/leads/${lead.id}`)).json()
    expect(after.convertedInto).toEqual([
      { type: 'accounts', id: accountId, title: `Funke Fashion ${tag}` },
      { type: 'contacts', id: contactId, title: `Lindsay Funke ${tag}` },
      { type: 'deals', id: dealId, title: `Funke deal ${tag}` },
    ])
    for (const [type, id] of [['accounts', accountId], ['contacts', contactId], ['deals', dealId]]) {
      const row = (await api('admin', 'GET', `/api/records/${type}/${id}`)).json()
      expect(row.convertedFrom, type).toEqual([{ type: 'leads', id: lead.id, title: `Lindsay Funke ${tag}` }])
      const entry = (await timeline(type!, id!)).find(a => a.kind === 'converted')
      expect(entry?.meta, type).toMatchObject({ leadId: lead.id, accountId, contactId, dealId })
    }
    expect((await timeline('leads', lead.id)).find(a => a.kind === 'converted')?.meta).toMatchObject({ accountId, contactId, dealId })
    // Support reads accounts but not leads or deals: no lead named, no deal either.
    expect((await api('support', 'GET', `/api/records/accounts/${accountId}`)).json().convertedFrom).toEqual([])
    // Lists stay as they were: the links are a single record's.
    const listed = (await api('admin', 'GET', `/api/records/leads?q=${encodeURIComponent(`Funke ${tag}`)}`)).json().items[0]
    expect(listed.convertedInto).toBeUndefined()
  })

  it('conversion is all or nothing: a refusal midway leaves no account, contact, deal or lead change', async () => {
    const company = `Sitwell ${tag}`
    const lead = (await api('admin', 'POST', '/api/records/leads', { firstName: 'Kitty', lastName: `Sanchez ${tag}`, company })).json()
    const other = (await api('admin', 'POST', '/api/pipelines', { name: `Midway ${tag}`, stages: [{ name: 'Only' }] })).json() as Pipeline
    const main = await defaultOf()
    const count = async (type: string, q: string) => (await api('admin', 'GET', `/api/records/${type}?q=${encodeURIComponent(q)}`)).json().total as number

    // The account and the contact are made before the deal is refused (a stage of another pipeline).
    const midway = await api('admin', 'POST', `/api/leads/${lead.id}/convert`, { createDeal: true, pipelineId: main.id, stageId: other.stages[0]!.id })
    expect(midway.status).toBe(400)
    expect(paths(midway)).toEqual(['stageId'])
    const dunder = await signIn(port, 'dunder.localhost', 'admin@dunder.test')
    const theirAccount = (await hit(port, 'dunder.localhost', '/api/records/accounts', { method: 'POST', body: { name: `Dunder ${tag}` }, headers: { cookie: dunder } })).json()
    for (const existingAccountId of [randomUUID(), theirAccount.id]) {
      const res = await api('admin', 'POST', `/api/leads/${lead.id}/convert`, { createDeal: true, existingAccountId })
      expect(res.status).toBe(400)
      expect(paths(res)).toEqual(['existingAccountId'])
    }
    const both = await api('admin', 'POST', `/api/leads/${lead.id}/convert`, { createDeal: false, existingAccountId: theirAccount.id, accountName: 'X' })
    expect(both.status).toBe(400)

    expect(await count('accounts', company)).toBe(0)
    expect(await count('contacts', `Sanchez ${tag}`)).toBe(0)
    expect(await count('deals', company)).toBe(0)
    const still = (await api('admin', 'GET', `/api/records/leads/${lead.id}`)).json()
    expect(still).toMatchObject({ status: 'new', version: lead.version, convertedAccountId: null, convertedAt: null })
    expect((await timeline('leads', lead.id)).map(a => a.kind)).toEqual(['created'])

    // Who may convert: leads, contacts, accounts (and deals) write.
    expect((await api('viewer', 'POST', `/api/leads/${lead.id}/convert`, { createDeal: false })).status).toBe(403)
    expect((await api('support', 'POST', `/api/leads/${lead.id}/convert`, { createDeal: false })).status).toBe(403)
    expect((await api('member', 'POST', `/api/leads/${lead.id}/convert`, { createDeal: false })).status).toBe(201)
  })

  it('tickets: SLA due from the priority and working hours, recomputed when the priority changes; first response', async () => {
    const general = (await api('admin', 'GET', '/api/settings/general')).json()
    expect(general).toMatchObject({ workingHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }, slaHours: { urgent: 4, high: 8, normal: 24, low: 72 } })
    const badHours = await api('admin', 'PUT', '/api/settings/general', { ...general, workingHours: { days: [9], start: '09:00', end: '17:00' }, slaHours: { ...general.slaHours, urgent: 0 } })
    expect(badHours.status).toBe(400)
    expect(paths(badHours)!.sort()).toEqual(['slaHours.urgent', 'workingHours.days.0'])
    const backwards = await api('admin', 'PUT', '/api/settings/general', { ...general, workingHours: { days: [1], start: '18:00', end: '08:00' } })
    expect(paths(backwards)).toEqual(['workingHours.end'])

    const prefs: WorkspacePreferences = { ...general, timeZone: 'America/New_York', workingHours: { days: [0, 1, 2, 3, 4, 5, 6], start: '06:00', end: '22:00' }, slaHours: { urgent: 2, high: 6, normal: 20, low: 50 } }
    delete (prefs as unknown as Record<string, unknown>).name
    expect((await api('admin', 'PUT', '/api/settings/general', { ...prefs, name: general.name })).status).toBe(200)
    try {
      const created = await api('admin', 'POST', '/api/records/tickets', { subject: `SLA ${tag}`, priority: 'urgent' })
      expect(created.status, created.body).toBe(201)
      const t = created.json()
      expect(t.slaDueAt).toBe(slaDueAt(new Date(t.createdAt), 'urgent', prefs).toISOString())
      expect(t.firstResponseAt).toBeNull()

      const lowered = (await api('admin', 'PATCH', `/api/records/tickets/${t.id}`, { version: t.version, priority: 'low' })).json()
      expect(lowered.slaDueAt).toBe(slaDueAt(new Date(t.createdAt), 'low', prefs).toISOString())
      expect(new Date(lowered.slaDueAt).getTime()).toBeGreaterThan(new Date(t.slaDueAt).getTime())

      const opened = (await api('admin', 'PATCH', `/api/records/tickets/${t.id}`, { version: lowered.version, status: 'open' })).json()
      expect(opened.firstResponseAt).toBeTruthy()
      const pending = (await api('admin', 'PATCH', `/api/records/tickets/${t.id}`, { version: opened.version, status: 'pending', subject: `SLA ${tag} (waiting)` })).json()
      expect(pending.firstResponseAt).toBe(opened.firstResponseAt)
      expect(pending.slaDueAt).toBe(lowered.slaDueAt)

      // Not breached yet: listed with breached=false, not with breached=true.
      const notYet = (await api('admin', 'GET', `/api/records/tickets?breached=false&q=${encodeURIComponent(`SLA ${tag}`)}`)).json()
      expect(notYet.items.map((i: { id: string }) => i.id)).toEqual([t.id])
      expect((await api('admin', 'GET', `/api/records/tickets?breached=true&q=${encodeURIComponent(`SLA ${tag}`)}`)).json().total).toBe(0)
    }
    finally {
      expect((await api('admin', 'PUT', '/api/settings/general', general)).status).toBe(200)
    }
  })

  it('breached=true lists exactly the unresolved tickets past their SLA', async () => {
    const breached = (await api('admin', 'GET', '/api/records/tickets?breached=true&limit=200')).json()
    const fine = (await api('admin', 'GET', '/api/records/tickets?breached=false&limit=200')).json()
    const all = (await api('admin', 'GET', '/api/records/tickets?limit=1')).json()
    expect(breached.total + fine.total).toBe(all.total)
    const now = Date.now()
    for (const t of breached.items) expect(new Date(t.slaDueAt).getTime() < now && !['resolved', 'closed'].includes(t.status)).toBe(true)
    for (const t of fine.items) expect(!t.slaDueAt || new Date(t.slaDueAt).getTime() >= now - 60_000 || ['resolved', 'closed'].includes(t.status)).toBe(true)
  })
})

describe('breached tickets, with a ticket aged in the database (PostgreSQL)', () => {
  const owner = ownerAccess()
  const server = () => servers().find(s => s.name === 'postgres')!

  it('an aged ticket is breached until it is resolved', async () => {
    const { port } = server()
    const admin = await signIn(port, HOST, 'admin@bluth.test')
    const api = (method: string, path: string, body?: unknown) => hit(port, HOST, path, { method, body, headers: { cookie: admin } })
    const subject = `Aged ${Date.now().toString(36)}`
    const late = (await api('POST', '/api/records/tickets', { subject: `${subject} late`, priority: 'high' })).json()
    const onTime = (await api('POST', '/api/records/tickets', { subject: `${subject} on time`, priority: 'high' })).json()
    await owner.sql()`update tickets set created_at = now() - interval '30 days', sla_due_at = now() - interval '20 days' where id = ${late.id}`
    const list = async (breached: boolean) => (await api('GET', `/api/records/tickets?breached=${breached}&q=${encodeURIComponent(subject)}`)).json().items.map((i: { id: string }) => i.id)
    expect(await list(true)).toEqual([late.id])
    expect(await list(false)).toEqual([onTime.id])

    // Changing its priority recomputes the due time from when it was opened: still breached.
    const current = (await api('GET', `/api/records/tickets/${late.id}`)).json()
    const urgent = (await api('PATCH', `/api/records/tickets/${late.id}`, { version: current.version, priority: 'urgent' })).json()
    expect(new Date(urgent.slaDueAt).getTime()).toBeLessThan(Date.now() - 20 * 86_400_000)
    expect(await list(true)).toEqual([late.id])

    await api('PATCH', `/api/records/tickets/${late.id}`, { version: urgent.version, status: 'resolved' })
    expect(await list(true)).toEqual([])
  })
})
