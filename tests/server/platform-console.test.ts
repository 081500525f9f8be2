import { beforeAll, describe, expect, it } from 'vitest'
import { hit, platformApi, servers, serversPerDriver, signIn } from '../support/http'
import { superAdminSession } from '../support/super-admin'

// The super admin console's read side: overview, tenants list (filters, sorting), health, and the
// platform audit log with its CSV export. Guarded like every platform route.

const PLATFORM = 'localhost'
const SUPER = 'super8@atrium.test'

/** Queues the usage roll-up and waits until the overview shows figures counted after `since`. */
async function recount(port: number, since: number) {
  expect((await platformApi(port, 'POST', '/usage/rollup')).status).toBe(202)
  for (let i = 0; i < 100; i++) {
    const rolled = (await platformApi(port, 'GET', '/overview')).json().rolledUpAt
    if (rolled && Date.parse(rolled) >= since) return
    await new Promise(r => setTimeout(r, 200))
  }
  throw new Error('the usage roll-up did not run')
}

describe.each(serversPerDriver())('super admin console on $name', ({ port, name, database }) => {
  let cookie: string

  beforeAll(async () => {
    cookie = await superAdminSession(port, database, SUPER)
  })

  const get = (path: string) => hit(port, PLATFORM, `/api/platform${path}`, { headers: { cookie } })

  it('overview, health and audit APIs: 404 on a tenant host, 401 signed out or with a tenant admin\'s session, 200 for a super admin', async () => {
    const tenantAdmin = await signIn(port, 'acme.localhost', 'admin@acme.test')
    for (const path of ['/overview', '/health', '/audit', '/audit/export', '/tenants?sort=members']) {
      expect((await hit(port, 'acme.localhost', `/api/platform${path}`, { headers: { cookie: tenantAdmin } })).status, path).toBe(404)
      expect((await hit(port, PLATFORM, `/api/platform${path}`)).status, path).toBe(401)
      // A tenant's session means nothing on the platform domain: there is no such user there.
      expect((await hit(port, PLATFORM, `/api/platform${path}`, { headers: { cookie: tenantAdmin } })).status, path).toBe(401)
      expect((await get(path)).status, path).toBe(200)
    }
    expect((await hit(port, 'acme.localhost', '/admin', { headers: { cookie: tenantAdmin } })).status).toBe(404)
    expect((await hit(port, 'acme.localhost', '/admin/health', { headers: { cookie: tenantAdmin } })).status).toBe(404)
  })

  it('the overview counts tenants by status and plan as the tenants list does, and people from the roll-up', async () => {
    // A fresh sign-in on globex is a session seen now: an active person in any count started after it.
    await signIn(port, 'globex.localhost', 'viewer@globex.test')
    const since = Date.now()
    await recount(port, since)
    const overview = (await get('/overview')).json()
    const list = async (q: string) => (await get(`/tenants?pageSize=1&${q}`)).json().total as number
    expect(overview.tenants.total).toBe(await list(''))
    for (const s of overview.tenants.byStatus) expect(s.count, s.status).toBe(await list(`status=${s.status}`))
    for (const p of overview.tenants.byPlan) expect(p.count, p.key).toBe(await list(`plan=${p.key}`))
    expect(overview.tenants.newPerWeek).toHaveLength(12)
    expect(overview.tenants.newPerWeek.at(-1).count).toBeGreaterThan(0) // the seeded tenants were created this week
    expect(overview.daily).toHaveLength(30)
    expect(overview.people.activeToday).toBeGreaterThan(0)

    const globex = (await get('/tenants?search=globex')).json().items[0]
    expect(globex.usage.activeUsers30d).toBeGreaterThanOrEqual(1)
    expect(globex.usage.members).toBeGreaterThan(0)
    expect(Date.parse(globex.lastActiveAt)).toBeGreaterThanOrEqual(since - 5000)
    expect(globex.domains).toBeGreaterThanOrEqual(1)
    // The daily totals are sums over tenants: API calls of the 30 days add up to the tenants' sum.
    const everyTenant = (await get('/tenants?pageSize=100')).json().items as { usage: { apiCalls30d: number } | null }[]
    const summed = everyTenant.reduce((n, t) => n + (t.usage?.apiCalls30d ?? 0), 0)
    expect(overview.daily.reduce((n: number, d: { apiCalls: number }) => n + d.apiCalls, 0)).toBe(summed)
    expect(overview.topTenants[0].apiCalls30d).toBe(Math.max(...everyTenant.map(t => t.usage?.apiCalls30d ?? 0)))
  })

  it('the overview counts active people one way: the daily series the chart draws, averaged on the card', async () => {
    await signIn(port, 'globex.localhost', 'member@globex.test')
    await recount(port, Date.now())
    const overview = (await get('/overview')).json()
    const perDay = (overview.daily as { activeUsers: number }[]).map(d => d.activeUsers)
    // "Active people per day": people active on a day (summed over tenants), averaged over the last
    // seven days of the same series; today and yesterday are points of it too.
    const lastWeek = perDay.slice(-7)
    expect(overview.people.activePerDay).toBe(Math.round(lastWeek.reduce((a, b) => a + b, 0) / 7))
    expect(overview.people.activeToday).toBe(perDay.at(-1))
    expect(overview.people.activeYesterday).toBe(perDay.at(-2))
    // No second count beside it (a 7-day distinct count from sessions said 2 beside a daily 86).
    expect(Object.keys(overview.people).sort()).toEqual(['activePerDay', 'activeToday', 'activeYesterday', 'members'])
    expect(overview.people.activePerDay).toBeGreaterThanOrEqual(Math.min(...lastWeek))
    expect(overview.people.activePerDay).toBeLessThanOrEqual(Math.max(...lastWeek))
  })

  it('the tenants list filters by status, plan and creation date, and sorts by usage both ways', async () => {
    const suspended = (await get('/tenants?status=suspended')).json()
    expect(suspended.items.map((t: { slug: string }) => t.slug)).toContain('umbrella')
    expect(suspended.items.every((t: { status: string }) => t.status === 'suspended')).toBe(true)
    const enterprise = (await get('/tenants?plan=enterprise&pageSize=100')).json()
    expect(enterprise.total).toBeGreaterThan(0)
    expect(enterprise.items.every((t: { plan: { key: string } }) => t.plan.key === 'enterprise')).toBe(true)

    // Creation days (UTC) as the list gives them: the run may cross midnight, so no day is assumed.
    const listed = (await get('/tenants?pageSize=100')).json() as { total: number, items: { createdAt: string }[] }
    expect(listed.items).toHaveLength(listed.total)
    const days = listed.items.map(t => t.createdAt.slice(0, 10)).sort()
    const created = async (from: string, to: string) => (await get(`/tenants?pageSize=1&createdFrom=${from}&createdTo=${to}`)).json().total
    expect(await created(days[0]!, days.at(-1)!)).toBe(listed.total)
    expect(await created(days.at(-1)!, days.at(-1)!)).toBe(days.filter(d => d === days.at(-1)).length)
    expect((await get('/tenants?pageSize=1&createdTo=2001-01-01')).json().total).toBe(0)

    const members = (dir: string) => get(`/tenants?sort=members&dir=${dir}&pageSize=100`).then(r => r.json().items.map((t: { usage: { members: number } | null }) => t.usage?.members ?? 0))
    const down = await members('desc')
    expect(down).toEqual([...down].sort((a: number, b: number) => b - a))
    const up = await members('asc')
    expect(up).toEqual([...up].sort((a: number, b: number) => a - b))
    const byName = (await get('/tenants?pageSize=100')).json().items.map((t: { name: string }) => t.name)
    expect(byName).toEqual([...byName].sort((a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' })))

    // Pages never overlap, whatever the sort (the id breaks ties).
    const first = (await get('/tenants?sort=storage&pageSize=5&page=1')).json().items.map((t: { id: string }) => t.id)
    const second = (await get('/tenants?sort=storage&pageSize=5&page=2')).json().items.map((t: { id: string }) => t.id)
    expect(first.filter((id: string) => second.includes(id))).toEqual([])
  })

  it('refuses unknown sorts and filters, bad dates and oversized pages, naming the field', async () => {
    const cases: [string, string][] = [
      ['sort=revenue', 'sort'],
      ['dir=sideways', 'dir'],
      ['createdFrom=2026-13-01', 'createdFrom'],
      ['createdFrom=yesterday', 'createdFrom'],
      ['createdFrom=2026-05-02&createdTo=2026-05-01', 'createdTo'],
      ['pageSize=1000', 'pageSize'],
      ['status=deleted-ish', 'status'],
      ['owner=me', ''],
    ]
    for (const [q, field] of cases) {
      const res = await get(`/tenants?${q}`)
      expect(res.status, q).toBe(400)
      expect(res.json().data.code, q).toBe('VALIDATION_FAILED')
      if (field) expect(res.json().data.issues.map((i: { path: string }) => i.path), q).toContain(field)
    }
    expect((await get('/audit?from=2026-02-30')).status).toBe(400)
    expect((await get('/audit?from=2026-05-02&to=2026-05-01')).status).toBe(400)
  })

  it('health: database reachable with its latency, migrations current, job queues, version and uptime', async () => {
    const health = (await get('/health')).json()
    expect(health.database.reachable).toBe(true)
    expect(health.database.latencyMs).toBeGreaterThanOrEqual(0)
    expect(health.database.migrations.current).toBe(true)
    expect(health.database.driver).toBe(name === 'pglite' ? 'pglite' : 'postgres')
    expect(health.cache.driver).toBe(name === 'pglite' ? 'memory' : 'redis')
    expect(health.jobs.reachable).toBe(true)
    expect(health.jobs.queues.map((q: { name: string }) => q.name)).toEqual(expect.arrayContaining(['data-export', 'usage-rollup', 'domains-recheck']))
    expect(health.version).toMatch(/^\d+\.\d+\.\d+/)
    expect(health.uptimeSeconds).toBeGreaterThan(0)
    // Tenant pages were requested above: the cache was asked, and mostly answered.
    expect(health.cache.hits + health.cache.misses, JSON.stringify(health.cache)).toBeGreaterThan(0)
    expect(health.cache.hitRatio, JSON.stringify(health.cache)).toBeGreaterThan(0)
  })

  it('request metrics count the app\'s requests (not probes) with a p95', async () => {
    const before = (await get('/overview')).json().requests.requests
    for (let i = 0; i < 15; i++) await hit(port, 'acme.localhost', '/api/site')
    for (let i = 0; i < 15; i++) await hit(port, 'acme.localhost', '/api/health')
    const after = (await get('/overview')).json().requests
    // The 15 site calls and the overview call itself; the health probes are not counted.
    expect(after.requests - before).toBeGreaterThanOrEqual(16)
    expect(after.requests - before).toBeLessThan(30)
    expect(after.p95Ms).toBeGreaterThan(0)
    expect(after.series).toHaveLength(60)
  })

  it('the platform audit log filters by tenant and action, and exports the same rows as CSV (the export itself audited)', async () => {
    const slug = `console-${name}`
    const created = await platformApi(port, 'POST', '/tenants', { name: 'Console Co', slug, plan: 'starter', adminEmail: `owner@${slug}.test` })
    expect(created.status).toBe(201)
    const rows = (await get(`/audit?tenant=${slug}`)).json()
    expect(rows.total).toBeGreaterThanOrEqual(1)
    expect(rows.items.every((r: { tenant: { slug: string } }) => r.tenant.slug === slug)).toBe(true)
    expect(rows.items.map((r: { action: string }) => r.action)).toContain('tenant.created')
    expect((await get(`/audit?tenant=${slug}&action=tenant.created`)).json().total).toBe(1)
    expect((await get(`/audit?tenant=${slug}&action=no.such.action`)).status).toBe(400)

    const csv = await get(`/audit/export?tenant=${slug}`)
    expect(csv.headers['content-type']).toMatch(/text\/csv/)
    const lines = csv.body.trim().split('\n')
    expect(lines[0]).toBe('time,actor_type,actor_id,actor_email,action,entity_type,entity_id,before,after,ip,request_id,impersonated_by,tenant')
    expect(lines).toHaveLength(rows.total + 1)
    expect(lines.slice(1).every(l => l.endsWith(`,${slug}`))).toBe(true)
    const exported = (await get('/audit?action=platform.audit.exported&pageSize=1')).json().items[0]
    expect(exported.actorEmail).toBe(SUPER)
    expect(exported.after.filters.tenant).toBe(slug)
  })

  it('renames a tenant: a bad name is refused naming the field, a good one shows at once on its host', async () => {
    const slug = `rename-${name}`
    expect((await platformApi(port, 'POST', '/tenants', { name: 'Before Rename', slug, plan: 'starter', adminEmail: `owner@${slug}.test` })).status).toBe(201)
    const patch = (body: unknown) => hit(port, PLATFORM, `/api/platform/tenants/${slug}`, { method: 'PATCH', body, headers: { cookie } })
    for (const bad of ['X', ' ', 'y'.repeat(81)]) {
      const res = await patch({ name: bad })
      expect(res.status, bad).toBe(400)
      expect(res.json().data.issues[0].path).toBe('name')
    }
    expect((await patch({ name: 'After Rename' })).status).toBe(200)
    expect((await hit(port, `${slug}.localhost`, '/api/site')).json().tenant.name).toBe('After Rename')
    expect((await get(`/tenants/${slug}`)).json().profile.name).toBe('After Rename')
  })
})

describe('request metrics across instances sharing Redis', () => {
  it('requests served by one instance show in the figures read on another', async () => {
    const [a, b] = servers().filter(s => s.driver === 'postgres')
    const before = (await platformApi(a!.port, 'GET', '/overview')).json().requests
    expect(before.scope).toBe('cluster')
    for (let i = 0; i < 25; i++) await hit(b!.port, 'globex.localhost', '/api/site')
    // B sends its counts to Redis every 5 seconds.
    let seen = 0
    for (let i = 0; i < 40 && seen < 25; i++) {
      await new Promise(r => setTimeout(r, 250))
      seen = (await platformApi(a!.port, 'GET', '/overview')).json().requests.requests - before.requests
    }
    expect(seen).toBeGreaterThanOrEqual(25)
  })
})
