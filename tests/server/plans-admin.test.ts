import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, hit, platformApi, serversPerDriver, signIn } from '../support/http'
import { linkToken, waitForMail } from '../support/mail'
import { superAdminSession } from '../support/super-admin'

// Plans and feature flags in the super admin console. Only plans and tenants made here are
// changed: a plan of this file's own, and throwaway tenants put on it.
const SUPER = 'super6@atrium.test'
const PLATFORM = 'localhost'
const UNLIMITED = { seats: null, records: null, storageMb: null, apiCallsPerDay: null }

describe.each(serversPerDriver())('plans and feature flags in the console on $name', ({ port, name, database }) => {
  const run = `${name}-${Date.now().toString(36)}`
  const planKey = `plans-${run}`
  const slug = `plan-t-${run}`
  const adminEmail = `owner@${slug}.test`
  let cookie: string
  const as = (method: string, path: string, body?: unknown) =>
    hit(port, PLATFORM, `/api/platform${path}`, { method, body, headers: { cookie } })
  const site = async () => (await hit(port, `${slug}.localhost`, '/api/site')).json().tenant

  beforeAll(async () => {
    // Before two-factor is on, a super admin is refused (403) — checked once, then enrolled.
    const login = await hit(port, PLATFORM, '/api/auth/login', { method: 'POST', body: { email: SUPER, password: DEMO_PASSWORD } })
    const early = String(login.headers['set-cookie']?.[0]).split(';')[0]!
    const refused = await hit(port, PLATFORM, '/api/platform/plans', { headers: { cookie: early } })
    expect(refused.status).toBe(403)
    cookie = await superAdminSession(port, database, SUPER)
  })

  afterAll(async () => {
    await platformApi(port, 'PUT', '/features/tickets/kill-switch', { disabled: false })
  })

  it('exists only on the platform domain, for super admins: 404 on a tenant host, 401 signed out or as a tenant admin', async () => {
    for (const [method, path] of [['GET', '/plans'], ['GET', '/plans/starter'], ['POST', '/plans'], ['PATCH', '/plans/starter'], ['DELETE', '/plans/starter'], ['GET', '/features'], ['GET', '/tenants/acme/features']]) {
      expect((await hit(port, 'acme.localhost', `/api/platform${path}`, { method, body: method === 'GET' || method === 'DELETE' ? undefined : {} })).status, `${method} ${path} on a tenant host`).toBe(404)
      expect((await hit(port, PLATFORM, `/api/platform${path}`, { method, body: method === 'GET' || method === 'DELETE' ? undefined : {} })).status, `${method} ${path} signed out`).toBe(401)
    }
    // A tenant admin's session belongs to their workspace: on the platform domain it is nobody.
    const tenantAdmin = await signIn(port, 'acme.localhost', 'admin@acme.test')
    expect((await hit(port, PLATFORM, '/api/platform/plans', { headers: { cookie: tenantAdmin } })).status).toBe(401)
    expect((await hit(port, 'acme.localhost', '/api/platform/plans', { headers: { cookie: tenantAdmin } })).status).toBe(404)
    expect((await as('GET', '/plans')).status).toBe(200)
  })

  it('creates a plan, refusing bad input field by field', async () => {
    const valid = { key: planKey, name: 'Test plan', limits: { seats: 5, records: null, storageMb: 100, apiCallsPerDay: 1000 }, features: ['crm'] }
    const bad: [Record<string, unknown>, string, RegExp][] = [
      [{ limits: { ...valid.limits, seats: -1 } }, 'limits.seats', /0 or more/],
      [{ limits: { ...valid.limits, storageMb: 1.5 } }, 'limits.storageMb', /whole number/],
      [{ limits: { seats: 5 } }, 'limits.records', /.+/],
      [{ features: ['crm', 'teleport'] }, 'features.1', /"teleport" is not a known feature/],
      [{ key: 'Big Plan' }, 'key', /lowercase/],
      [{ name: '' }, 'name', /required/],
    ]
    for (const [change, path, message] of bad) {
      const res = await as('POST', '/plans', { ...valid, ...change })
      expect(res.status, JSON.stringify(change)).toBe(400)
      expect(res.json().data.issues[0]).toMatchObject({ path })
      expect(res.json().data.issues[0].message).toMatch(message)
    }
    const unknown = await as('POST', '/plans', { ...valid, features: ['teleport'] })
    expect(unknown.json().message).toContain('teleport')

    const created = await as('POST', '/plans', valid)
    expect(created.status, created.body).toBe(201)
    expect(created.json()).toMatchObject({ key: planKey, name: 'Test plan', limits: valid.limits, features: ['crm'], tenantCount: 0 })
    const again = await as('POST', '/plans', valid)
    expect(again.status).toBe(409)
    expect(again.json().data.issues[0].path).toBe('key')

    const list = (await as('GET', '/plans')).json() as { key: string, tenantCount: number }[]
    expect(list.find(p => p.key === planKey)).toMatchObject({ tenantCount: 0 })
    expect(list.find(p => p.key === 'starter')!.tenantCount).toBeGreaterThan(0)
  })

  it('lists the tenants on a plan with their usage, and edits take effect for them at once', async () => {
    const res = await platformApi(port, 'POST', '/tenants', { name: 'Plan Test Co', slug, plan: planKey, adminEmail })
    expect(res.status, res.body).toBe(201)
    // Warm the tenant's cached profile, so what follows proves the cache is dropped.
    expect((await site()).features).toMatchObject({ crm: true, analytics: false })

    const detail = (await as('GET', `/plans/${planKey}`)).json()
    expect(detail).toMatchObject({ key: planKey, tenantCount: 1, tenants: { total: 1, page: 1 } })
    // The invited first admin holds a seat.
    expect(detail.tenants.items).toEqual([{ slug, name: 'Plan Test Co', status: 'active', deleted: false, usage: { seats: 1, records: 0, storageMb: 0 }, over: [] }])

    const edited = await as('PATCH', `/plans/${planKey}`, { name: 'Test plan plus', features: ['crm', 'analytics'] })
    expect(edited.status, edited.body).toBe(200)
    expect(edited.json()).toMatchObject({ plan: { name: 'Test plan plus', features: ['crm', 'analytics'], tenantCount: 1 }, affected: [] })
    const now = await site()
    expect(now.features).toMatchObject({ crm: true, analytics: true })
    expect(now.plan).toEqual({ key: planKey, name: 'Test plan plus' })

    const unknown = await as('PATCH', `/plans/${planKey}`, { features: ['warp'] })
    expect(unknown.status).toBe(400)
    expect(unknown.json().message).toContain('warp')
    const negative = await as('PATCH', `/plans/${planKey}`, { limits: { storageMb: -5 } })
    expect(negative.status).toBe(400)
    expect(negative.json().data.issues[0].path).toBe('limits.storageMb')
    expect((await as('PATCH', '/plans/no-such-plan', { name: 'x' })).status).toBe(404)
  })

  it('warns when limits drop below what tenants use, listing them, and saves only when confirmed', async () => {
    const refused = await as('PATCH', `/plans/${planKey}`, { limits: { seats: 0, apiCallsPerDay: 50 } })
    expect(refused.status).toBe(409)
    const body = refused.json()
    expect(body.data.code).toBe('PLAN_LIMIT_BELOW_USAGE')
    expect(body.data.affected).toEqual([{ slug, name: 'Plan Test Co', exceeds: [{ limit: 'seats', used: 1, allowed: 0 }] }])
    expect(body.data.issues).toEqual([{ path: 'limits.seats', message: expect.stringMatching(/1 tenant/) }])
    expect(body.message).toContain('Plan Test Co')
    // Nothing was saved.
    expect((await as('GET', `/plans/${planKey}`)).json().limits).toMatchObject({ seats: 5, apiCallsPerDay: 1000 })

    // Raising a limit, or lowering one nobody exceeds, needs no confirmation.
    expect((await as('PATCH', `/plans/${planKey}`, { limits: { seats: 10, apiCallsPerDay: 50 } })).json().affected).toEqual([])

    const confirmed = await as('PATCH', `/plans/${planKey}`, { limits: { seats: 0 }, confirm: true })
    expect(confirmed.status, confirmed.body).toBe(200)
    expect(confirmed.json().affected).toEqual([{ slug, name: 'Plan Test Co', exceeds: [{ limit: 'seats', used: 1, allowed: 0 }] }])
    const detail = (await as('GET', `/plans/${planKey}`)).json()
    expect(detail.limits).toEqual({ seats: 0, records: null, storageMb: 100, apiCallsPerDay: 50, activeWorkflows: null, workflowRunsPerMonth: null })
    expect(detail.tenants.items[0].over).toEqual(['seats'])

    // The tenant's own plan page shows the new limits, to its admin.
    const mail = await waitForMail(adminEmail, 0)
    expect((await hit(port, `${slug}.localhost`, '/api/auth/accept-invitation', { method: 'POST', body: { token: linkToken(mail), name: 'Olga Owner', password: 'Planning-pass-2026' } })).status).toBe(200)
    const owner = await signIn(port, `${slug}.localhost`, adminEmail, 'Planning-pass-2026')
    const plan = (await hit(port, `${slug}.localhost`, '/api/settings/plan', { headers: { cookie: owner } })).json()
    expect(plan).toMatchObject({ plan: { key: planKey, name: 'Test plan plus' }, limits: { seats: 0, apiCallsPerDay: 50, storageMb: 100 } })
    // Full seats: no more invitations.
    const invite = await hit(port, `${slug}.localhost`, '/api/members/invitations', { method: 'POST', body: { email: `second@${slug}.test`, role: 'member' }, headers: { cookie: owner } })
    expect(invite.status).toBe(409)
    expect(invite.json().data.code).toBe('PLAN_LIMIT')
  })

  it('deletes a plan only when no tenant is on it', async () => {
    const refused = await as('DELETE', `/plans/${planKey}`)
    expect(refused.status).toBe(409)
    expect(refused.json().message).toMatch(/1 tenant is on this plan/)
    expect((await as('GET', `/plans/${planKey}`)).status).toBe(200)

    const spare = `spare-${run}`
    expect((await as('POST', '/plans', { key: spare, name: 'Spare', limits: UNLIMITED })).status).toBe(201)
    expect((await as('DELETE', `/plans/${spare}`)).status).toBe(204)
    expect((await as('GET', `/plans/${spare}`)).status).toBe(404)
    expect((await as('DELETE', `/plans/${spare}`)).status).toBe(404)
  })

  it('shows each feature of a tenant with its effective state and why; overrides have three states', async () => {
    const states = async () => {
      const res = await as('GET', `/tenants/${slug}/features`)
      expect(res.status).toBe(200)
      return Object.fromEntries((res.json().features as { key: string }[]).map(f => [f.key, f])) as Record<string, Record<string, unknown>>
    }
    let f = await states()
    expect(f.crm).toMatchObject({ inPlan: true, override: null, killed: false, enabled: true, source: 'plan', label: 'CRM' })
    expect(f.tickets).toMatchObject({ inPlan: false, override: null, killed: false, enabled: false, source: 'not in plan' })

    const before = await overview()
    expect((await as('PUT', `/tenants/${slug}/features/tickets`, { enabled: true })).status).toBe(200)
    expect((await as('PUT', `/tenants/${slug}/features/crm`, { enabled: false })).status).toBe(200)
    f = await states()
    expect(f.tickets).toMatchObject({ inPlan: false, override: true, enabled: true, source: 'override' })
    expect(f.crm).toMatchObject({ inPlan: true, override: false, enabled: false, source: 'override' })
    expect((await site()).features).toMatchObject({ tickets: true, crm: false })

    const after = await overview()
    expect(after.tickets.overrides.on).toBe(before.tickets.overrides.on + 1)
    expect(after.tickets.tenantsOn).toBe(before.tickets.tenantsOn + 1)
    expect(after.crm.overrides.off).toBe(before.crm.overrides.off + 1)
    expect(after.crm.tenantsOn).toBe(before.crm.tenantsOn - 1)

    // Back to the plan's default (the third state).
    expect((await as('PUT', `/tenants/${slug}/features/crm`, { enabled: null })).status).toBe(200)
    f = await states()
    expect(f.crm).toMatchObject({ override: null, enabled: true, source: 'plan' })
    expect((await overview()).crm).toMatchObject({ overrides: before.crm.overrides, tenantsOn: before.crm.tenantsOn })
    expect((await as('GET', '/tenants/no-such-tenant/features')).status).toBe(404)
  })

  it('counts plans and tenants per feature, and a kill switch with a reason takes it from everyone', async () => {
    const listed = (await as('GET', '/features')).json()
    const plans = (await as('GET', '/plans')).json() as { features: string[], tenantCount: number }[]
    expect(listed.tenants).toBe(plans.reduce((n, p) => n + p.tenantCount, 0))
    const crm = (listed.features as { key: string }[]).find(x => x.key === 'crm')
    expect(crm).toMatchObject({ label: 'CRM', killSwitch: null, plans: plans.filter(p => p.features.includes('crm')).length })

    const before = await overview()
    expect(before.tickets.tenantsOn).toBeGreaterThan(0)
    const killed = await as('PUT', '/features/tickets/kill-switch', { disabled: true, reason: 'Incident 42' })
    expect(killed.status).toBe(200)
    const after = await overview()
    expect(after.tickets).toMatchObject({ killSwitch: { reason: 'Incident 42' }, tenantsOn: 0, tenantsOnWithoutKillSwitch: before.tickets.tenantsOn, overrides: before.tickets.overrides })
    const mine = ((await as('GET', `/tenants/${slug}/features`)).json().features as { key: string }[]).find(x => x.key === 'tickets')
    expect(mine).toMatchObject({ override: true, killed: true, killReason: 'Incident 42', enabled: false, source: 'kill switch' })
    expect((await site()).features.tickets).toBe(false)

    expect((await as('PUT', '/features/tickets/kill-switch', { disabled: false })).status).toBe(200)
    expect((await overview()).tickets).toMatchObject({ killSwitch: null, tenantsOn: before.tickets.tenantsOn })
    expect((await site()).features.tickets).toBe(true)
  })

  async function overview(): Promise<Record<string, { overrides: { on: number, off: number }, tenantsOn: number, tenantsOnWithoutKillSwitch: number, killSwitch: unknown }>> {
    const res = await as('GET', '/features')
    expect(res.status).toBe(200)
    return Object.fromEntries((res.json().features as { key: string }[]).map(x => [x.key, x])) as never
  }
})
