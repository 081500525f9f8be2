import { beforeAll, describe, expect, it } from 'vitest'
import type { WidgetResult } from '../../shared/analytics'
import type { HomeDashboard } from '../../shared/schemas/analytics'
import { hit, servers, serversPerDriver, signIn } from '../support/http'
import { ownerAccess } from '../support/owner'

// The analytics engine and the home dashboard API (issue 9). Writes go to prestige only.
// Metrics are checked against hand-computed numbers: on both drivers with records made today
// (as differences, since other steps add records too), and on PostgreSQL with a fixture moved
// into March 2024 through owner access, where nothing else lives, for exact figures, the change
// over the previous period and the time-zone boundary of a day.

const HOST = 'prestige.localhost'
const ROLES = ['admin', 'manager', 'member', 'support', 'viewer'] as const
type Role = typeof ROLES[number]

interface Stage { id: string, name: string, kind: string }
interface Pipeline { id: string, name: string, isDefault: boolean, stages: Stage[] }

const paths = (res: { json: () => { data?: { issues?: { path: string }[] } } }) => res.json().data?.issues?.map(i => i.path)

function session(port: number) {
  const cookies = {} as Record<Role, string>
  const api = (who: Role, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    hit(port, HOST, path, { method, body, headers: { cookie: cookies[who], ...headers } })
  const query = async (who: Role, body: Record<string, unknown>) => {
    const res = await api(who, 'POST', '/api/analytics/query', body)
    expect(res.status, res.body).toBe(200)
    return res.json() as WidgetResult
  }
  const home = async (who: Role, qs = '') => {
    const res = await api(who, 'GET', `/api/analytics/home${qs}`)
    expect(res.status, res.body).toBe(200)
    return res.json() as HomeDashboard
  }
  const create = async (who: Role, type: string, body: Record<string, unknown>) => {
    const res = await api(who, 'POST', `/api/records/${type}`, body)
    expect(res.status, res.body).toBe(201)
    return res.json() as { id: string, owner: { id: string } | null }
  }
  const setZone = async (timeZone: string) => {
    const current = (await api('admin', 'GET', '/api/settings/general')).json()
    const res = await api('admin', 'PUT', '/api/settings/general', { ...current, timeZone })
    expect(res.status, res.body).toBe(200)
  }
  const newPipeline = async (name: string) => {
    const res = await api('admin', 'POST', '/api/pipelines', { name, stages: [
      { name: 'Qualify', probability: 20 }, { name: 'Propose', probability: 60 },
      { name: 'Won', kind: 'won', probability: 100 }, { name: 'Lost', kind: 'lost', probability: 0 },
    ] })
    expect(res.status, res.body).toBe(201)
    return res.json() as Pipeline
  }
  const signInAll = async () => {
    for (const role of ROLES) cookies[role] = await signIn(port, HOST, `${role}@prestige.test`)
  }
  return { api, query, home, create, setZone, newPipeline, signInAll }
}

const todayUtc = () => new Date().toISOString().slice(0, 10)

describe.each(serversPerDriver())('analytics on $name', ({ port }) => {
  const s = session(port)
  const tag = `${port}-${Date.now().toString(36)}`

  beforeAll(async () => {
    await s.signInAll()
    await s.setZone('UTC')
  })

  it('counts today\'s new records, money and rates exactly (differences over a baseline)', async () => {
    const today = todayUtc()
    const range = { from: today, to: today }
    const p = await s.newPipeline(`Today ${tag}`)
    const [qualify, , won] = p.stages as [Stage, Stage, Stage, Stage]
    const filters = { pipelineId: p.id }
    const before = await s.home('admin', `?from=${today}&to=${today}`)
    const v = (h: HomeDashboard, k: keyof HomeDashboard['kpis']) => h.kpis[k]!.total ?? 0

    await s.create('member', 'deals', { name: `A ${tag}`, amountMinor: 10_000, pipelineId: p.id, stageId: qualify.id })
    await s.create('member', 'deals', { name: `B ${tag}`, amountMinor: 25_000, pipelineId: p.id, stageId: qualify.id })
    await s.create('admin', 'deals', { name: `C ${tag}`, amountMinor: 100_000, pipelineId: p.id, stageId: won.id })
    for (const source of ['website', 'website', 'referral']) await s.create('member', 'leads', { firstName: 'Lead', lastName: tag, source })
    await s.create('support', 'tickets', { subject: `T ${tag}`, priority: 'high' })
    await s.create('member', 'tasks', { title: `Late ${tag}`, dueAt: new Date(Date.now() - 3_600_000).toISOString() })

    const after = await s.home('admin', `?from=${today}&to=${today}`)
    expect(v(after, 'deals.won_value') - v(before, 'deals.won_value')).toBe(100_000)
    expect(v(after, 'leads.count') - v(before, 'leads.count')).toBe(3)
    expect(v(after, 'tickets.open') - v(before, 'tickets.open')).toBe(1)
    expect(v(after, 'tasks.overdue') - v(before, 'tasks.overdue')).toBe(1)
    expect(v(after, 'deals.open_value') - v(before, 'deals.open_value')).toBe(35_000)

    // Filtered to the new pipeline, the deal metrics are exact.
    expect((await s.query('admin', { metric: 'deals.open_value', range, filters })).total).toBe(35_000)
    expect((await s.query('admin', { metric: 'deals.win_rate', range, filters })).total).toBe(1)
    expect((await s.query('admin', { metric: 'deals.count', range, filters })).total).toBe(3)
    const funnel = await s.query('admin', { metric: 'deals.open_count', dimension: 'stage', range, filters })
    expect(funnel.categories.map(c => c.label)).toEqual(['Qualify', 'Propose'])
    expect(funnel.series[0]!.values).toEqual([2, 0])
    expect(funnel.categories[0]!.drill).toMatchObject({ stageId: qualify.id, status: 'open', pipelineId: p.id })

    // Lead sources in catalogue order, every source present (empty ones as 0).
    const sources = await s.query('admin', { metric: 'leads.count', dimension: 'source', range, filters: { ownerId: 'me' } })
    expect(sources.categories.map(c => c.key).slice(0, 3)).toEqual(['website', 'referral', 'event'])
    expect(sources.series[0]!.values.slice(0, 2)).toEqual([0, 0]) // the admin owns none of them
    const mine = await s.query('member', { metric: 'leads.count', dimension: 'source', range, filters: { ownerId: 'me' } })
    expect(mine.series[0]!.values[0]).toBeGreaterThanOrEqual(2)

    // Deals by owner: names, not ids, and drill-down to the owner's list.
    const byOwner = await s.query('admin', { metric: 'deals.count', dimension: 'owner', range, filters })
    expect(byOwner.categories.map(c => c.label).sort()).toEqual(expect.arrayContaining([expect.any(String)]))
    expect(byOwner.series[0]!.values.reduce((a, b) => a! + b!, 0)).toBe(3)
    expect(byOwner.categories.every(c => c.drill?.ownerId)).toBe(true)

    // Time buckets: every day of the range, empty ones as 0.
    const days = await s.query('admin', { metric: 'deals.count', dimension: 'day', range: { from: addDays(today, -6), to: today }, filters })
    expect(days.categories).toHaveLength(7)
    expect(days.series[0]!.values).toEqual([0, 0, 0, 0, 0, 0, 3])
    expect(days.categories[6]!.drill).toMatchObject({ pipelineId: p.id })
  })

  it('shows a role only what it may see; a module switched off disappears', async () => {
    const sales = await s.home('member')
    expect(Object.keys(sales.kpis)).toEqual(expect.arrayContaining(['deals.open_value', 'leads.count', 'tickets.open', 'tasks.overdue']))
    expect(sales.charts.funnel).toBeDefined()

    const support = await s.home('support')
    expect(Object.keys(support.kpis).sort()).toEqual(['tasks.overdue', 'tickets.open', 'tickets.sla_breaches'])
    // The activity heatmap counts only the timeline of records support reads (no deals, no leads).
    expect(Object.keys(support.charts)).toEqual(['ticketVolume', 'heatmap'])
    expect(support.charts.heatmap!.total).toBeLessThan(sales.charts.heatmap!.total!)
    const range = { from: todayUtc(), to: todayUtc() }
    const denied = await s.api('support', 'POST', '/api/analytics/query', { metric: 'deals.count', range })
    expect(denied.status).toBe(403)
    expect(denied.json().data.code).toBe('FORBIDDEN')

    // Tickets off: gone from home, and its metrics answer 404.
    expect((await s.api('admin', 'PUT', '/api/settings/features/tickets', { enabled: false })).status).toBe(200)
    try {
      const off = await s.home('admin')
      expect(Object.keys(off.kpis).filter(k => k.startsWith('tickets.'))).toEqual([])
      expect(off.charts.ticketVolume).toBeUndefined()
      expect((await s.api('admin', 'POST', '/api/analytics/query', { metric: 'tickets.count', range })).status).toBe(404)
      expect(Object.keys((await s.api('admin', 'GET', '/api/analytics/revisions')).json())).not.toContain('tickets')
    }
    finally {
      expect((await s.api('admin', 'PUT', '/api/settings/features/tickets', { enabled: true })).status).toBe(200)
    }
  })

  it('a role limited to its own records gets only its numbers', async () => {
    const today = todayUtc()
    const range = { from: today, to: today }
    const memberId = (await s.api('admin', 'GET', '/api/members?search=member@prestige.test')).json().items[0].id as string
    await s.create('admin', 'leads', { firstName: 'Admin', lastName: tag })
    const role = (await s.api('admin', 'POST', '/api/roles', { name: `Own ${tag}`, permissions: ['dashboard:read', 'leads:read', 'leads:write'], recordScope: 'own' })).json()
    const everyone = (await s.query('admin', { metric: 'leads.count', range })).total!
    const members = (await s.query('admin', { metric: 'leads.count', range, filters: { ownerId: memberId } })).total!
    expect(everyone).toBeGreaterThan(members)
    try {
      expect((await s.api('admin', 'PATCH', `/api/members/${memberId}`, { role: role.key })).status).toBe(200)
      const rep = await signIn(port, HOST, 'member@prestige.test')
      const res = await hit(port, HOST, '/api/analytics/query', { method: 'POST', body: { metric: 'leads.count', range }, headers: { cookie: rep } })
      expect(res.json().total).toBe(members)
      const home = (await hit(port, HOST, '/api/analytics/home', { headers: { cookie: rep } })).json() as HomeDashboard
      expect(Object.keys(home.kpis)).toEqual(['leads.count'])
    }
    finally {
      await s.api('admin', 'PATCH', `/api/members/${memberId}`, { role: 'member' })
      await s.api('admin', 'DELETE', `/api/roles/${role.key}`)
      await s.signInAll()
    }
  })

  it('refuses bad input with 400 naming the field, never a 500', async () => {
    const range = { from: '2026-01-01', to: '2026-01-31' }
    const cases: [unknown, string[]][] = [
      [{ metric: 'deals.bogus', range }, ['metric']],
      [{ metric: 'deals.count', dimension: 'planet', range }, ['dimension']],
      [{ metric: 'deals.count', range, filters: { colour: 'red' } }, ['filters']],
      [{ metric: 'deals.count', range: { from: '2026-02-01', to: '2026-01-01' } }, ['range.to']],
      [{ metric: 'deals.count', range: { from: '2026-13-01', to: '2026-12-01' } }, ['range.from', 'range.to', 'range.to']],
      [{ metric: 'deals.open_value', dimension: 'day', range }, ['dimension']],
      [{ metric: 'deals.count', range, sql: 'select 1' }, ['(root)']],
    ]
    for (const [body, expected] of cases) {
      const res = await s.api('admin', 'POST', '/api/analytics/query', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(paths(res), JSON.stringify(body)).toEqual(expected)
    }
    expect((await s.api('admin', 'POST', '/api/analytics/query', 'not json', { 'content-type': 'application/json' })).status).toBe(400)
    const reversed = await s.api('admin', 'GET', '/api/analytics/home?from=2026-02-01&to=2026-01-01')
    expect(reversed.status).toBe(400)
    expect(paths(reversed)).toEqual(['to'])
    expect((await s.api('admin', 'GET', '/api/analytics/home?from=2026-02-01')).status).toBe(400)
    expect((await s.api('admin', 'GET', '/api/analytics/home?ownerId=nobody')).status).toBe(400)
    expect((await hit(port, HOST, '/api/analytics/home')).status).toBe(401)
  })

  it('revisions move on every write to a source, not for other sources or tenants; ETag and 304', async () => {
    const revisions = async (who: Role = 'admin') => (await s.api(who, 'GET', '/api/analytics/revisions')).json() as Record<string, string>
    const r0 = await revisions()
    const lead = await s.create('admin', 'leads', { firstName: 'Rev', lastName: tag })
    const r1 = await revisions()
    expect(r1.leads).not.toBe(r0.leads)
    expect(r1.deals).toBe(r0.deals)
    expect((await s.api('admin', 'PATCH', `/api/records/leads/${lead.id}`, { status: 'contacted', version: 1 })).status).toBe(200)
    const r2 = await revisions()
    expect(r2.leads).not.toBe(r1.leads)
    expect((await s.api('admin', 'POST', '/api/records/leads/bulk', { action: 'status', ids: [lead.id], status: 'qualified' })).status).toBe(200)
    const r3 = await revisions()
    expect(r3.leads).not.toBe(r2.leads)
    expect((await s.api('admin', 'DELETE', `/api/records/leads/${lead.id}`)).status).toBeLessThan(300)
    const r4 = await revisions()
    expect(r4.leads).not.toBe(r3.leads)
    expect(r4.tickets).toBe(r0.tickets)

    // Another tenant's revisions do not move with prestige's writes.
    const other = await signIn(port, 'nakatomi.localhost', 'admin@nakatomi.test')
    const theirs = (await hit(port, 'nakatomi.localhost', '/api/analytics/revisions', { headers: { cookie: other } })).json()
    await s.create('admin', 'leads', { firstName: 'Rev2', lastName: tag })
    expect((await hit(port, 'nakatomi.localhost', '/api/analytics/revisions', { headers: { cookie: other } })).json()).toEqual(theirs)

    // ETag: the same revisions answer 304; a write changes it.
    const first = await s.api('admin', 'GET', '/api/analytics/revisions')
    const etag = String(first.headers.etag)
    expect(etag).toMatch(/^".+"$/)
    expect((await s.api('admin', 'GET', '/api/analytics/revisions', undefined, { 'if-none-match': etag })).status).toBe(304)
    await s.create('admin', 'tasks', { title: `Rev ${tag}` })
    const changed = await s.api('admin', 'GET', '/api/analytics/revisions', undefined, { 'if-none-match': etag })
    expect(changed.status).toBe(200)
    expect(changed.json().tasks).not.toBe(first.json().tasks)

    // A cached widget follows the revision: the next answer counts the new record.
    const range = { from: todayUtc(), to: todayUtc() }
    const n0 = (await s.query('admin', { metric: 'tasks.count', range })).total!
    expect((await s.query('admin', { metric: 'tasks.count', range })).total).toBe(n0)
    await s.create('admin', 'tasks', { title: `Rev again ${tag}` })
    expect((await s.query('admin', { metric: 'tasks.count', range })).total).toBe(n0 + 1)
  })
})

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
}

describe('analytics against a hand-computed fixture in March 2024 (PostgreSQL, dates set as owner)', () => {
  const owner = ownerAccess()
  const server = () => servers().find(x => x.name === 'postgres')!
  const tag = `fx-${Date.now().toString(36)}`

  it('every home metric, its previous period, and the New York day boundary', async () => {
    const s = session(server().port)
    await s.signInAll()
    const sql = () => owner.sql()
    const p = await s.newPipeline(`Fixture ${tag}`)
    const [qualify, propose, won, lost] = p.stages as [Stage, Stage, Stage, Stage]
    const deal = async (amount: number, set: { created: string, stage: Stage, closed?: string, expected?: string }) => {
      const d = await s.create('admin', 'deals', { name: `${tag} ${amount}`, amountMinor: amount, pipelineId: p.id, stageId: qualify.id })
      await sql()`update deals set created_at = ${set.created}::timestamptz, stage_id = ${set.stage.id}::uuid,
        status = ${set.stage.kind}::deal_status, closed_at = ${set.closed ?? null}::timestamptz, expected_close_date = ${set.expected ?? null}::date where id = ${d.id}::uuid`
    }
    // Current period: March 2024 (31 days); previous: 30 Jan – 29 Feb 2024.
    await deal(100_000, { created: '2024-02-10T12:00:00Z', stage: won, closed: '2024-03-05T15:00:00Z' }) // cycle 24.125 days
    await deal(50_000, { created: '2024-03-02T10:00:00Z', stage: lost, closed: '2024-03-20T10:00:00Z' })
    await deal(30_000, { created: '2024-03-10T10:00:00Z', stage: qualify, expected: '2024-04-15' })
    await deal(20_000, { created: '2024-02-05T12:00:00Z', stage: won, closed: '2024-02-20T12:00:00Z' }) // cycle 15 days
    // 03:30 UTC on 1 April is 23:30 on 31 March in New York.
    await deal(70_000, { created: '2024-04-01T03:30:00Z', stage: propose, expected: '2024-03-31' })

    const lead = async (created: string, source: string) => {
      const l = await s.create('admin', 'leads', { firstName: 'Fx', lastName: tag, source })
      await sql()`update leads set created_at = ${created}::timestamptz where id = ${l.id}::uuid`
      return l
    }
    const l1 = await lead('2024-03-05T12:00:00Z', 'website')
    await lead('2024-03-06T12:00:00Z', 'referral')
    await lead('2024-02-10T12:00:00Z', 'website')

    const ticket = async (created: string, due: string, resolved: string | null) => {
      const t = await s.create('admin', 'tickets', { subject: `${tag} ticket`, priority: 'high' })
      await sql()`update tickets set created_at = ${created}::timestamptz, sla_due_at = ${due}::timestamptz, resolved_at = ${resolved}::timestamptz,
        status = ${resolved ? 'resolved' : 'open'}::ticket_status where id = ${t.id}::uuid`
    }
    await ticket('2024-03-03T12:00:00Z', '2024-03-04T12:00:00Z', null) // open at the end, breached
    await ticket('2024-03-10T12:00:00Z', '2024-03-11T12:00:00Z', '2024-03-10T20:00:00Z') // in time
    await ticket('2024-02-20T12:00:00Z', '2024-02-21T12:00:00Z', '2024-02-25T12:00:00Z') // breached in the previous period

    const task = async (created: string, due: string, completed: string | null) => {
      const t = await s.create('admin', 'tasks', { title: `${tag} task` })
      await sql()`update tasks set created_at = ${created}::timestamptz, due_at = ${due}::timestamptz, completed_at = ${completed}::timestamptz,
        status = ${completed ? 'done' : 'open'}::task_status where id = ${t.id}::uuid`
    }
    await task('2024-03-01T12:00:00Z', '2024-03-15T12:00:00Z', null) // overdue at the end
    await task('2024-03-01T12:00:00Z', '2024-03-20T12:00:00Z', '2024-03-18T12:00:00Z')
    await task('2024-02-01T12:00:00Z', '2024-02-10T12:00:00Z', '2024-03-02T12:00:00Z') // overdue at the end of the previous period

    // A call at 03:30 UTC on Tuesday 5 March is Monday 22:30 in New York.
    expect((await s.api('admin', 'POST', `/api/records/leads/${l1.id}/activities`, { kind: 'call', body: 'Fixture call', occurredAt: '2024-03-05T03:30:00Z' })).status).toBe(201)

    await s.setZone('America/New_York')
    try {
      const h = await s.home('admin', `?from=2024-03-01&to=2024-03-31&pipelineId=${p.id}`)
      expect(h.range).toEqual({ from: '2024-03-01', to: '2024-03-31' })
      expect(h.previousRange).toEqual({ from: '2024-01-30', to: '2024-02-29' })
      const kpi = (k: keyof HomeDashboard['kpis']) => [h.kpis[k]!.total, h.kpis[k]!.previous, h.kpis[k]!.change]
      expect(kpi('deals.open_value')).toEqual([100_000, 100_000, 0]) // 30,000 + 70,000 | the first deal, open until 5 March
      expect(kpi('deals.won_value')).toEqual([100_000, 20_000, 4])
      expect(kpi('deals.win_rate')).toEqual([0.5, 1, -0.5])
      expect(kpi('deals.cycle_days')).toEqual([24.13, 15, 0.6087])
      expect(kpi('leads.count')).toEqual([2, 1, 1])
      expect(kpi('tickets.open')).toEqual([1, 0, null])
      expect(kpi('tickets.sla_breaches')).toEqual([1, 1, 0])
      expect(kpi('tasks.overdue')).toEqual([1, 1, 0])

      // Funnel in pipeline order (open stages), counts and amounts at the end of March.
      expect(h.charts.funnel!.categories.map(c => c.label)).toEqual(['Qualify', 'Propose'])
      expect(h.charts.funnel!.series[0]!.values).toEqual([1, 1])
      expect(h.charts.funnelValue!.series[0]!.values).toEqual([30_000, 70_000])
      // Revenue and forecast by month, March to June: won in March; open deals × probability.
      expect(h.charts.revenue!.categories.map(c => c.key)).toEqual(['2024-03', '2024-04', '2024-05', '2024-06'])
      expect(h.charts.revenue!.series[0]!.values).toEqual([100_000, 0, 0, 0])
      expect(h.charts.forecast!.series[0]!.values).toEqual([42_000, 6_000, 0, 0])
      // Deals created in March by owner and status: all the admin's, one lost and two open.
      const byOwner = h.charts.dealsByOwner!
      expect(byOwner.categories).toHaveLength(1)
      expect(Object.fromEntries(byOwner.series.map(x => [x.key, x.values[0]]))).toEqual({ open: 2, won: 0, lost: 1 })
      expect(h.charts.leadSources!.series[0]!.values.slice(0, 2)).toEqual([1, 1])
      // Tickets by day: 31 days, March 3 and 10 hold one high ticket each.
      const volume = h.charts.ticketVolume!
      expect(volume.categories).toHaveLength(31)
      const high = volume.series.find(x => x.key === 'high')!.values
      expect(high[2]).toBe(1)
      expect(high[9]).toBe(1)
      expect(high.reduce((a, b) => a! + b!, 0)).toBe(2)
      // Heatmap: the call sits on Monday at 22:00 New York time.
      const heat = h.charts.heatmap!
      const monday = heat.categories.findIndex(c => c.key === '1')
      expect(heat.series.find(x => x.key === '22')!.values[monday]).toBe(1)
      expect(heat.total).toBe(1)

      // The boundary of a day: in New York the 1 April 03:30 UTC deal is created on 31 March.
      const range = { from: '2024-03-01', to: '2024-03-31' }
      const filters = { pipelineId: p.id }
      const ny = await s.query('admin', { metric: 'deals.count', dimension: 'day', range, filters, compare: true })
      expect([ny.total, ny.previous, ny.change]).toEqual([3, 2, 0.5])
      expect(ny.series[0]!.values[30]).toBe(1)
      expect(ny.series.find(x => x.key === 'previous')!.values.reduce((a, b) => a! + b!, 0)).toBe(2)
      expect(ny.categories[30]!.drill).toMatchObject({ createdAtFrom: '2024-03-31T04:00:00.000Z', createdAtTo: '2024-04-01T03:59:59.999Z' })

      await s.setZone('UTC')
      const utc = await s.query('admin', { metric: 'deals.count', range, filters })
      expect(utc.total).toBe(2)
      const monthly = await s.query('admin', { metric: 'deals.count', dimension: 'month', range: { from: '2024-03-01', to: '2024-04-30' }, filters })
      expect(monthly.series[0]!.values).toEqual([2, 1])
    }
    finally {
      await s.setZone('UTC')
    }
  })
})
