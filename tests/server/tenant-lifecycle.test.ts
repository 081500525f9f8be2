import { beforeAll, describe, expect, it } from 'vitest'
import type { Hit } from '../support/http'
import { hit, platformApi, serversPerDriver, signIn } from '../support/http'
import { superAdminSession } from '../support/super-admin'
import { ownerAccess } from '../support/owner'

// Tenant detail and lifecycle by a super admin (issue 7, items 2 and 3). Tenants of this file:
// oscorp (suspension; on PostgreSQL later its own deletion request is purged), stark (soft delete,
// cancel; on PostgreSQL then purged after the grace period), massive (plan changes, export).
const SUPER = 'super5@atrium.test'
const PLATFORM = 'localhost'
const bearer = (key: string) => ({ authorization: `Bearer ${key}` })
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms))

describe.each(serversPerDriver())('tenant detail and lifecycle on $name', ({ port, database, driver }) => {
  let cookie = ''
  const admin = (method: string, path: string, body?: unknown): Promise<Hit> =>
    hit(port, PLATFORM, `/api/platform/tenants${path}`, { method, body, headers: { cookie } })
  const detail = async (slug: string) => (await admin('GET', `/${slug}`)).json()

  beforeAll(async () => {
    cookie = await superAdminSession(port, database, SUPER)
  })

  const ROUTES: [string, string, unknown?][] = [
    ['GET', '/massive'],
    ['GET', '/massive/members'],
    ['PUT', '/massive/plan', { plan: 'starter' }],
    ['POST', '/massive/suspend', { reason: 'x' }],
    ['POST', '/massive/reactivate'],
    ['DELETE', '/massive', { confirmSlug: 'massive' }],
    ['POST', '/massive/restore'],
    ['POST', '/massive/exports'],
    ['GET', '/massive/exports'],
  ]

  it('answers 404 on a tenant host, 401 signed out, 401 for a tenant admin\'s session (as every platform route)', async () => {
    const tenantAdmin = await signIn(port, 'massive.localhost', 'admin@massive.test')
    for (const [method, path, body] of ROUTES) {
      const url = `/api/platform/tenants${path}`
      const onTenant = await hit(port, 'massive.localhost', url, { method, body, headers: { cookie: tenantAdmin } })
      expect(onTenant.status, `${method} ${path} on a tenant host`).toBe(404)
      expect((await hit(port, 'massive.localhost', url, { method, body, headers: { cookie } })).status).toBe(404)
      const signedOut = await hit(port, PLATFORM, url, { method, body })
      expect(signedOut.status, `${method} ${path} signed out`).toBe(401)
      expect(signedOut.json().data.code).toBe('UNAUTHENTICATED')
      // A tenant's cookie is host-only and means nothing on the platform domain.
      expect((await hit(port, PLATFORM, url, { method, body, headers: { cookie: tenantAdmin } })).status, `${method} ${path} as a tenant admin`).toBe(401)
    }
    // Nothing changed on the way.
    expect((await detail('massive')).profile).toMatchObject({ status: 'active', deletedAt: null })
    expect((await detail('massive')).plan.key).toBe('pro')
  })

  it('shows a tenant: profile, domains, plan, features, usage against limits, 30 days, members, audit events', async () => {
    const res = await admin('GET', '/massive')
    expect(res.status).toBe(200)
    const d = res.json()
    expect(d.profile).toMatchObject({ slug: 'massive', name: 'Massive Dynamic', status: 'active', suspendedReason: null, deletedAt: null, purgeAt: null, deletionRequest: null })
    expect(d.primaryHost).toBe('massive.localhost')
    expect(d.domains).toEqual([expect.objectContaining({ hostname: 'massive.localhost', kind: 'subdomain', isPrimary: true, verified: true })])
    expect(d.plan).toMatchObject({ key: 'pro', name: 'Pro', limits: { seats: 50, records: 250_000, storageMb: 25_600, apiCallsPerDay: 100_000 } })
    expect(d.features.find((f: { key: string }) => f.key === 'analytics')).toMatchObject({ plan: true, override: null, killed: false, enabled: true })
    expect(d.features.find((f: { key: string }) => f.key === 'remove_branding')).toMatchObject({ plan: false, enabled: false })
    expect(d.usage.seats).toMatchObject({ used: 5, active: 5, invited: 0 })
    expect(d.exceeded).toEqual([])
    expect(d.series).toHaveLength(30)
    expect(d.series.some((p: { apiCalls: number }) => p.apiCalls > 0)).toBe(true)
    expect(d.members).toMatchObject({ total: 5, page: 1 })
    expect(Object.keys(d.members.items[0]).sort()).toEqual(['email', 'id', 'lastActiveAt', 'name', 'role', 'status'])
    expect(d.members.items[0]).toMatchObject({ email: expect.stringMatching(/@massive\.test$/), role: { key: expect.any(String), name: expect.any(String) }, status: 'active' })
    expect(d.audit.length).toBeGreaterThan(0)
    expect(d.audit.length).toBeLessThanOrEqual(20)
    // Another page of members, and nothing of another tenant anywhere.
    const page2 = await admin('GET', '/massive/members?page=2&pageSize=2')
    expect(page2.status).toBe(200)
    expect(page2.json()).toMatchObject({ total: 5, page: 2, pageSize: 2 })
    expect(page2.json().items).toHaveLength(2)
    expect(res.body).not.toMatch(/@(acme|oscorp|stark)\.test/)
    expect((await admin('GET', '/no-such-tenant')).status).toBe(404)
    expect((await admin('GET', '/Bad_Slug')).status).toBe(400)
  })

  it('changes the plan: features and limits follow at once; unknown plan 400, same plan 409', async () => {
    const site = async () => (await hit(port, 'massive.localhost', '/api/site')).json().tenant
    expect((await site()).features.analytics).toBe(true)

    const unknown = await admin('PUT', '/massive/plan', { plan: 'platinum' })
    expect(unknown.status).toBe(400)
    expect(unknown.json().data.issues).toEqual([{ path: 'plan', message: expect.any(String) }])
    const missing = await admin('PUT', '/massive/plan', {})
    expect(missing.status).toBe(400)
    expect(missing.json().data.issues[0].path).toBe('plan')

    const seatsUsed = (await detail('massive')).usage.seats.used
    const down = await admin('PUT', '/massive/plan', { plan: 'starter' })
    expect(down.status, down.body).toBe(200)
    expect(down.json()).toMatchObject({ slug: 'massive', plan: { key: 'starter' }, status: 'active' })
    // Starter allows 5 seats: a limit now exceeded is named, not refused.
    expect(down.json().exceeded.some((e: { limit: string }) => e.limit === 'seats')).toBe(seatsUsed > 5)
    expect((await site()).features.analytics).toBe(false)
    expect((await site()).plan.key).toBe('starter')
    expect((await detail('massive')).plan.limits.seats).toBe(5)
    const member = await signIn(port, 'massive.localhost', 'admin@massive.test')
    expect((await hit(port, 'massive.localhost', '/api/analytics/usage', { headers: { cookie: member } })).status).toBe(404)

    const again = await admin('PUT', '/massive/plan', { plan: 'starter' })
    expect(again.status).toBe(409)
    expect(again.json().data.code).toBe('CONFLICT')

    expect((await admin('PUT', '/massive/plan', { plan: 'pro' })).status).toBe(200)
    expect((await site()).features.analytics).toBe(true)
    expect((await hit(port, 'massive.localhost', '/api/analytics/usage', { headers: { cookie: member } })).status).toBe(200)

    // Below current usage (Tiny: 100 records, 1 MB): allowed, and the limits now exceeded are named.
    // Records are counted live, so the workspace gets more than Tiny's 100 first.
    const massiveAdmin = await signIn(port, 'massive.localhost', 'admin@massive.test')
    for (let n = 0; n < 101; n++) {
      expect((await hit(port, 'massive.localhost', '/api/records/accounts', { method: 'POST', body: { name: `Plan check ${n}` }, headers: { cookie: massiveAdmin } })).status).toBe(201)
    }
    const { usage } = await detail('massive')
    expect(usage.records.used).toBeGreaterThan(100)
    const tiny = await admin('PUT', '/massive/plan', { plan: 'tiny' })
    expect(tiny.status).toBe(200)
    expect(tiny.json().exceeded).toContainEqual({ limit: 'records', used: usage.records.used, allowed: 100 })
    expect((await detail('massive')).exceeded).toEqual(tiny.json().exceeded)
    const pro = await admin('PUT', '/massive/plan', { plan: 'pro' })
    expect(pro.json()).toMatchObject({ plan: { key: 'pro' }, exceeded: [] })
  })

  it('suspends with a reason: pages show the suspended page, sessions and keys stop; reactivating brings them back, nothing deleted', async () => {
    const host = 'oscorp.localhost'
    const member = await signIn(port, host, 'admin@oscorp.test')
    const created = await hit(port, host, '/api/api-keys', { method: 'POST', body: { name: `Lifecycle ${port}`, scopes: ['members:read'] }, headers: { cookie: member } })
    expect(created.status).toBe(201)
    const key = created.json().key as string
    const counts = async () => ({
      members: (await detail('oscorp')).members.total,
      keys: (await hit(port, host, '/api/api-keys', { headers: { cookie: member } })).json().length,
      sessions: (await hit(port, host, '/api/account/sessions', { headers: { cookie: member } })).json().length,
    })
    const before = await counts()
    expect((await hit(port, host, '/api/members', { headers: bearer(key) })).status).toBe(200)

    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(501) }]) {
      const bad = await admin('POST', '/oscorp/suspend', body)
      expect(bad.status).toBe(400)
      expect(bad.json().data.issues[0].path).toBe('reason')
    }
    expect((await admin('POST', '/oscorp/reactivate')).status).toBe(409)

    const suspended = await admin('POST', '/oscorp/suspend', { reason: 'Unpaid invoices since March' })
    expect(suspended.status, suspended.body).toBe(200)
    expect(suspended.json()).toMatchObject({ status: 'suspended', suspendedReason: 'Unpaid invoices since March' })
    const page = await hit(port, host, '/', { headers: { cookie: member } })
    expect(page.status).toBe(403)
    expect(page.headers['content-type']).toMatch(/text\/html/)
    const bySession = await hit(port, host, '/api/members', { headers: { cookie: member } })
    expect(bySession.status).toBe(403)
    expect(bySession.json().data.code).toBe('WORKSPACE_SUSPENDED')
    const byKey = await hit(port, host, '/api/members', { headers: bearer(key) })
    expect(byKey.status).toBe(403)
    expect(byKey.json().data.code).toBe('WORKSPACE_SUSPENDED')
    expect((await hit(port, host, '/api/auth/login', { method: 'POST', body: { email: 'member@oscorp.test', password: 'Demo-pass-2026' } })).status).toBe(403)

    const d = await detail('oscorp')
    expect(d.profile).toMatchObject({ status: 'suspended', suspendedReason: 'Unpaid invoices since March', suspendedAt: expect.any(String) })
    const again = await admin('POST', '/oscorp/suspend', { reason: 'Twice' })
    expect(again.status).toBe(409)
    expect(again.json().data.code).toBe('CONFLICT')
    const listed = (await hit(port, PLATFORM, '/api/platform/tenants?status=suspended&search=oscorp', { headers: { cookie } })).json()
    expect(listed.items.map((t: { slug: string }) => t.slug)).toEqual(['oscorp'])

    const back = await admin('POST', '/oscorp/reactivate')
    expect(back.status).toBe(200)
    expect(back.json()).toMatchObject({ status: 'active', suspendedReason: null })
    expect((await hit(port, host, '/api/members', { headers: { cookie: member } })).status).toBe(200)
    expect((await hit(port, host, '/api/members', { headers: bearer(key) })).status).toBe(200)
    expect((await hit(port, host, '/', { headers: { cookie: member } })).status).toBe(200)
    expect(await counts()).toEqual(before)
    expect((await detail('oscorp')).profile).toMatchObject({ status: 'active', suspendedReason: null, suspendedAt: null })
  })

  it('soft delete: the hosts answer 404 at once; cancelling within the grace period restores everything', async () => {
    const host = 'stark.localhost'
    const member = await signIn(port, host, 'admin@stark.test')
    const before = (await detail('stark')).members.total

    for (const body of [{}, { confirmSlug: 'Stark' }, { confirmSlug: 'oscorp' }]) {
      const bad = await admin('DELETE', '/stark', body)
      expect(bad.status).toBe(400)
      expect(bad.json().data.issues[0].path).toBe('confirmSlug')
    }
    expect((await admin('POST', '/stark/restore')).status).toBe(409)
    expect((await hit(port, host, '/api/site')).status).toBe(200)

    const started = Date.now()
    const deleted = await admin('DELETE', '/stark', { confirmSlug: 'stark' })
    expect(deleted.status, deleted.body).toBe(200)
    expect(deleted.json()).toMatchObject({ slug: 'stark', status: 'deleted' })
    const grace = new Date(deleted.json().purgeAt).getTime() - started
    expect(grace).toBeGreaterThan(30 * 86_400_000 - 60_000)
    expect(grace).toBeLessThan(30 * 86_400_000 + 60_000)

    const site = await hit(port, host, '/api/site')
    expect(site.status).toBe(404)
    expect(site.json().data.code).toBe('WORKSPACE_NOT_FOUND')
    expect((await hit(port, host, '/', { headers: { cookie: member } })).status).toBe(404)
    expect((await hit(port, host, '/api/members', { headers: { cookie: member } })).status).toBe(404)
    expect((await hit(port, host, '/api/auth/login', { method: 'POST', body: { email: 'admin@stark.test', password: 'Demo-pass-2026' } })).status).toBe(404)

    // Still in the console, as deleted; refused: deleting twice, suspending, changing plan.
    const list = (status: string) => hit(port, PLATFORM, `/api/platform/tenants?status=${status}&search=stark`, { headers: { cookie } }).then(r => r.json())
    expect((await list('deleted')).items).toEqual([expect.objectContaining({ slug: 'stark', status: 'deleted' })])
    expect((await list('active')).items).toEqual([])
    expect((await detail('stark')).profile).toMatchObject({ status: 'deleted', deletedAt: expect.any(String), purgeAt: deleted.json().purgeAt })
    for (const [method, path, body] of [['DELETE', '/stark', { confirmSlug: 'stark' }], ['POST', '/stark/suspend', { reason: 'x' }], ['PUT', '/stark/plan', { plan: 'starter' }], ['POST', '/stark/reactivate']] as const) {
      const refused = await admin(method, path, body)
      expect(refused.status, `${method} ${path}`).toBe(409)
      expect(refused.json().data.code).toBe('CONFLICT')
    }

    // The purge job leaves it alone before its date.
    expect((await platformApi(port, 'POST', '/jobs/run?seconds=2')).status).toBe(200)
    expect((await detail('stark')).profile.status).toBe('deleted')

    const restored = await admin('POST', '/stark/restore')
    expect(restored.status).toBe(200)
    expect(restored.json()).toMatchObject({ status: 'active', deletedAt: null, purgeAt: null })
    expect((await hit(port, host, '/api/site')).status).toBe(200)
    expect((await hit(port, host, '/api/members', { headers: { cookie: member } })).status).toBe(200)
    expect((await hit(port, host, '/', { headers: { cookie: member } })).status).toBe(200)
    expect((await detail('stark')).members.total).toBe(before)
    expect((await admin('POST', '/stark/restore')).status).toBe(409)
  })

  it('exports a tenant\'s data from the console, listed and downloadable there', async () => {
    const queued = await admin('POST', '/massive/exports')
    expect(queued.status, queued.body).toBe(202)
    expect(queued.json()).toMatchObject({ status: 'queued', requestedBy: null })
    let row: { id: string, status: string, downloadable: boolean } | undefined
    for (let i = 0; i < 100 && row?.status !== 'ready'; i++) {
      await sleep(200)
      row = ((await admin('GET', '/massive/exports')).json() as typeof row[]).find(e => e!.id === queued.json().id)
    }
    expect(row).toMatchObject({ status: 'ready', downloadable: true })
    const download = await admin('GET', `/massive/exports/${row!.id}/download`)
    expect(download.status).toBe(200)
    expect(download.headers['content-type']).toBe('application/zip')
    expect(download.body.startsWith('PK')).toBe(true)
    // Another tenant's export id is not found through this tenant.
    expect((await admin('GET', `/stark/exports/${row!.id}/download`)).status).toBe(404)
    // The tenant's admins see it in their own list too.
    const tenantAdmin = await signIn(port, 'massive.localhost', 'admin@massive.test')
    const theirs = (await hit(port, 'massive.localhost', '/api/settings/data-exports', { headers: { cookie: tenantAdmin } })).json() as { id: string }[]
    expect(theirs.map(e => e.id)).toContain(row!.id)
  })

  // Time moves only on PostgreSQL, where the test reaches the database as its owner (PGlite belongs
  // to its server process); the same job runs on PGlite, as the test above shows.
  if (driver === 'postgres') {
    describe('after the grace period', () => {
      const owner = ownerAccess()

      it('the tenant-purge job removes every row of a deleted tenant and of one whose own deletion request is due; others are untouched', async () => {
        const sql = () => owner.sql()
        const ids = Object.fromEntries((await sql()<{ slug: string, id: string }[]>`select slug, id from tenants where slug in ('stark', 'oscorp')`).map(r => [r.slug, r.id]))
        expect(Object.keys(ids).sort()).toEqual(['oscorp', 'stark'])

        // stark: deleted by a super admin; oscorp: its admin asks for deletion (issue 6).
        expect((await admin('DELETE', '/stark', { confirmSlug: 'stark' })).status).toBe(200)
        const oscorpAdmin = await signIn(port, 'oscorp.localhost', 'admin@oscorp.test')
        expect((await hit(port, 'oscorp.localhost', '/api/settings/deletion-request', { method: 'POST', body: { confirmName: 'Oscorp' }, headers: { cookie: oscorpAdmin } })).status).toBe(200)

        const tables = (await sql()<{ table: string }[]>`
          select c.table_name as table from information_schema.columns c
          join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
          where c.table_schema = 'public' and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'
          order by 1`).map(r => r.table)
        expect(tables).toEqual(expect.arrayContaining(['users', 'sessions', 'api_keys', 'audit_log', 'usage_daily', 'tenant_domains', 'roles', 'impersonations', 'platform_audit_log']))
        const rowsOf = async (tenantIds: string[], exclude: boolean) => {
          const out: Record<string, number> = {}
          for (const table of tables) {
            if (table === 'platform_audit_log') continue
            const [r] = await sql().unsafe(`select count(*)::int as n from ${table} where ${exclude ? 'not ' : ''}(tenant_id = any($1::uuid[]))`, [tenantIds])
            out[table] = r!.n
          }
          return out
        }
        const doomed = [ids.stark!, ids.oscorp!]
        const before = await rowsOf(doomed, false)
        expect(before.users).toBeGreaterThan(0)
        expect(before.audit_log).toBeGreaterThan(0)
        expect(before.sessions).toBeGreaterThan(0)
        expect(before.api_keys).toBeGreaterThan(0)

        // Advance time: both purges are due.
        await sql()`update tenants set purge_at = now() - interval '1 minute' where id = ${ids.stark!}`
        await sql()`update tenants set deletion_due_at = now() - interval '1 minute' where id = ${ids.oscorp!}`
        await sleep(2000) // usage counters of the requests above are flushed (every second)
        const othersBefore = await rowsOf(doomed, true)

        // Drive the jobs as Vercel Cron would; a scheduled job is sent at most once a minute, so keep calling.
        let left = 2
        for (let i = 0; i < 45 && left > 0; i++) {
          expect((await platformApi(port, 'POST', '/jobs/run?seconds=5')).status).toBe(200)
          left = (await sql()`select id from tenants where id in ${sql()(doomed)}`).length
          if (left) await sleep(2000)
        }
        expect(left).toBe(0)

        expect(await rowsOf(doomed, false)).toEqual(Object.fromEntries(Object.keys(before).map(t => [t, 0])))
        expect(await rowsOf(doomed, true)).toEqual(othersBefore)
        // The platform's log keeps its rows (its tenant_id has no foreign key) and records each purge once.
        const purges = await sql()<{ tenant_id: string, after: { rows: Record<string, number> } }[]>`
          select tenant_id, after from platform_audit_log where action = 'tenant.purged' and tenant_id in ${sql()(doomed)}`
        expect(purges.map(p => p.tenant_id).sort()).toEqual([...doomed].sort())
        expect(purges.find(p => p.tenant_id === ids.stark)!.after.rows.users).toBe(5)
        expect((await sql()`select 1 from platform_audit_log where tenant_id = ${ids.stark!} and action = 'tenant.deleted'`).length).toBe(2)

        // Gone everywhere: no host, no console entry, and its slug is free again.
        expect((await hit(port, 'stark.localhost', '/api/site')).status).toBe(404)
        expect((await hit(port, 'oscorp.localhost', '/api/site')).status).toBe(404)
        expect((await admin('GET', '/stark')).status).toBe(404)
        expect((await hit(port, PLATFORM, '/api/platform/tenants/slug-check?slug=stark', { headers: { cookie } })).json()).toMatchObject({ available: true })
      }, 150_000)
    })
  }
})
