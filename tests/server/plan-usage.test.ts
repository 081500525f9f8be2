import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hit } from '../support/http'
import { hit, platformApi, servers, serversPerDriver, signIn } from '../support/http'

// Vandelay is a test-only tenant on the test-only Metered plan (tests/support/fixtures.ts): 5 API
// calls a day, analytics and CRM but no tickets, no seeded usage. Only this file touches it.
// On PostgreSQL every step alternates between two instances sharing the database and Redis
// (`postgres` and `postgres-b`); on PGlite there is one instance, so both roles are the same.
// The test servers flush counted calls every second (NUXT_USAGE_FLUSH_SECONDS=1 in global-setup).
const HOST = 'vandelay.localhost'
const LIMIT = 5
const bearer = (key: string) => ({ authorization: `Bearer ${key}` })

function secondsToMidnightUtc(): number {
  const now = new Date()
  return Math.ceil((Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime()) / 1000)
}

describe.each(serversPerDriver())('plan, usage and features on $name', (server) => {
  const peer = server.name === 'postgres' ? servers().find(s => s.name === 'postgres-b')! : server
  const ports = [server.port, peer.port]
  let admin: string
  let adminOnPeer: string
  let memberOnPeer: string
  const as = (port: number, cookie: string, method = 'GET', path = '/', body?: unknown) => hit(port, HOST, path, { method, body, headers: { cookie } })
  const toggle = (key: string, body: unknown, cookie = admin) => as(server.port, cookie, 'PUT', `/api/settings/features/${key}`, body)
  /** Today's api_calls as stored in usage_daily (the analytics API reads that table, not the live counter). */
  const storedToday = async () => {
    const res = await as(server.port, admin, 'GET', '/api/analytics/usage?metric=api_calls&days=7')
    expect(res.status, res.body).toBe(200)
    return (res.json().points as { value: number }[]).at(-1)!.value
  }

  beforeAll(async () => {
    admin = await signIn(server.port, HOST, 'admin@vandelay.test')
    adminOnPeer = await signIn(peer.port, HOST, 'admin@vandelay.test')
    memberOnPeer = await signIn(peer.port, HOST, 'member@vandelay.test')
  })
  afterAll(async () => {
    await toggle('analytics', { enabled: true })
    await platformApi(server.port, 'PUT', '/features/crm/kill-switch', { disabled: false })
  })

  describe('plan and usage', () => {
    it('the plan endpoint returns the plan, its limits and what is used; members may not read it', async () => {
      const res = await as(server.port, admin, 'GET', '/api/settings/plan')
      expect(res.status, res.body).toBe(200)
      const plan = res.json()
      expect(plan.plan).toEqual({ key: 'metered', name: 'Metered' })
      expect(plan.limits).toEqual({ seats: 10, records: 1000, storageMb: 100, apiCallsPerDay: LIMIT, activeWorkflows: null, workflowRunsPerMonth: null })
      expect(plan.usage).toEqual({
        seats: { used: 5, active: 5, invited: 0 }, // one demo user per system role
        records: { used: 0, counted: true }, // counted live: the workspace has no records
        storageBytes: 0,
        apiCallsToday: 0,
        activeWorkflows: 0,
        workflowRunsThisMonth: 0,
      })
      expect(plan.history).toHaveLength(30)
      // Half the seats and nothing else used: no meter says it is at the limit, each says what happens there.
      const page = await as(server.port, admin, 'GET', '/settings/plan')
      expect(page.status).toBe(200)
      expect(page.body).not.toContain('At the limit')
      expect(page.body).not.toContain('Nearly at the limit')
      expect(page.body.match(/When the limit is reached:/g)).toHaveLength(4)
      expect(plan.history.at(-1).day).toBe(new Date().toISOString().slice(0, 10))
      expect(new Date(plan.apiCallsResetAt).toISOString()).toMatch(/T00:00:00\.000Z$/)

      const member = await as(peer.port, memberOnPeer, 'GET', '/api/settings/plan')
      expect(member.status).toBe(403)
      expect(member.json().data.code).toBe('FORBIDDEN')
    })

    it(`the ${LIMIT + 1}th API-key call of the day is refused with 429, counted across instances; sessions still work; nothing is written`, async () => {
      const created = await as(server.port, admin, 'POST', '/api/api-keys', { name: `Quota ${server.name}`, scopes: ['members:read', 'members:write'] })
      expect(created.status, created.body).toBe(201)
      const key = created.json().key as string

      // Calls alternate between the two instances: the limit is on their shared count.
      for (let i = 0; i < LIMIT; i++) {
        const res = await hit(ports[i % 2]!, HOST, '/api/members', { headers: bearer(key) })
        expect(res.status, `call ${i + 1}: ${res.body}`).toBe(200)
      }

      const email = `quota-${server.name}@vandelay.test`
      const refused: Hit = await hit(peer.port, HOST, '/api/members/invitations', { method: 'POST', body: { email, role: 'viewer' }, headers: bearer(key) })
      expect(refused.status).toBe(429)
      expect(refused.json()).toMatchObject({
        statusCode: 429,
        message: 'This workspace has used its 5 API calls for today; the limit resets at 00:00 UTC',
        data: { code: 'QUOTA_EXCEEDED' },
      })
      const retryAfter = Number(refused.headers['retry-after'])
      expect(retryAfter).toBeGreaterThan(0)
      expect(Math.abs(retryAfter - secondsToMidnightUtc())).toBeLessThan(10)
      // The other instance refuses too: the count is shared, not per process.
      const elsewhere = await hit(server.port, HOST, '/api/members', { headers: bearer(key) })
      expect(elsewhere.status).toBe(429)
      expect(elsewhere.json().data.code).toBe('QUOTA_EXCEEDED')
      // Its meter now says it is at the limit, and only that one does.
      const page = await as(server.port, admin, 'GET', '/settings/plan')
      expect(page.body.match(/At the limit:/g)).toHaveLength(1)
      expect(page.body.split('data-testid="meter-api-calls"')[1]).toContain('At the limit:')

      // The refused invitation wrote nothing, and people using the app are not blocked.
      for (const [port, cookie] of [[server.port, admin], [peer.port, adminOnPeer]] as const) {
        const members = await as(port, cookie, 'GET', `/api/members?search=${encodeURIComponent(email)}`)
        expect(members.status).toBe(200)
        expect(members.json().total).toBe(0)
        expect((await as(port, cookie, 'GET', '/settings/plan')).status).toBe(200)
      }
      const plan = (await as(peer.port, adminOnPeer, 'GET', '/api/settings/plan')).json()
      expect(plan.usage.apiCallsToday).toBe(LIMIT)
      expect(plan.history.at(-1).apiCalls).toBe(LIMIT)
    })

    it('counted calls reach usage_daily after the flush, exactly once, refused ones not at all', async () => {
      await expect.poll(storedToday, { timeout: 10_000, interval: 250 }).toBe(LIMIT)
      // Each instance flushes every second: after several more flushes from both, still 5.
      await new Promise(resolve => setTimeout(resolve, 3_500))
      expect(await storedToday()).toBe(LIMIT)
    })
  })

  describe('features', () => {
    it('lists every feature with its plan state, what switching it off hides, and the upgrade for those the plan lacks', async () => {
      const res = await as(server.port, admin, 'GET', '/api/settings/features')
      expect(res.status, res.body).toBe(200)
      const { plan, features } = res.json()
      expect(plan).toEqual({ key: 'metered', name: 'Metered' })
      const byKey = Object.fromEntries(features.map((f: { key: string }) => [f.key, f]))
      expect(Object.keys(byKey).sort()).toEqual(['analytics', 'automation', 'crm', 'custom_domains', 'dashboards', 'remove_branding', 'reports', 'tasks', 'tickets', 'webhooks'])
      expect(byKey.analytics).toMatchObject({ inPlan: true, enabled: true, override: null, killSwitch: null, upgradeTo: null, canToggle: true })
      expect(byKey.analytics.whenOff).toMatch(/Analytics page/)
      expect(byKey.tickets).toMatchObject({ inPlan: false, enabled: false, canToggle: false, upgradeTo: { key: 'pro', name: 'Pro' } })
      expect(byKey.remove_branding.upgradeTo).toEqual({ key: 'enterprise', name: 'Enterprise' })
    })

    it('a Member gets 403; a feature the plan lacks cannot be enabled (4xx naming it); bad input is refused naming the field', async () => {
      const member = await as(peer.port, memberOnPeer, 'PUT', '/api/settings/features/analytics', { enabled: false })
      expect(member.status).toBe(403)
      expect(member.json().data.code).toBe('FORBIDDEN')

      const lacking = await toggle('tickets', { enabled: true })
      expect(lacking.status).toBe(403)
      expect(lacking.json()).toMatchObject({
        message: 'Support tickets is not included in the Metered plan. Upgrade to Pro to use it.',
        data: { code: 'PLAN_UPGRADE_REQUIRED' },
      })
      expect((await as(server.port, admin, 'GET', '/api/site')).json().tenant.features.tickets).toBe(false)

      const unknown = await toggle('teleportation', { enabled: true })
      expect(unknown.status).toBe(400)
      expect(unknown.json().data.issues[0].path).toBe('key')
      const badBody = await toggle('analytics', { enabled: 'yes' })
      expect(badBody.status).toBe(400)
      expect(badBody.json().data.issues[0].path).toBe('enabled')
      const extra = await toggle('analytics', { enabled: false, tenantId: 'x' })
      expect(extra.status).toBe(400)
    })

    it('switching a feature off makes its API and page disappear for members on the next request on another instance, and back', async () => {
      expect((await as(peer.port, memberOnPeer, 'GET', '/api/analytics/usage')).status).toBe(200)

      const off = await toggle('analytics', { enabled: false })
      expect(off.status, off.body).toBe(200)
      expect(off.json().features.find((f: { key: string }) => f.key === 'analytics')).toMatchObject({ enabled: false, override: false, canToggle: true })

      const api = await as(peer.port, memberOnPeer, 'GET', '/api/analytics/usage')
      expect(api.status).toBe(404)
      expect(api.json().data.code).toBe('FEATURE_DISABLED')
      expect((await as(peer.port, memberOnPeer, 'GET', '/analytics')).status).toBe(404)
      expect((await as(peer.port, memberOnPeer, 'GET', '/')).body).not.toContain('href="/analytics"')

      const audit = (await as(server.port, admin, 'GET', '/api/audit?action=settings.feature_updated&entityId=analytics')).json().items
      expect(audit[0]).toMatchObject({ actorType: 'user', before: { enabled: true }, after: { enabled: false } })

      const on = await toggle('analytics', { enabled: true })
      expect(on.status).toBe(200)
      expect(on.json().features.find((f: { key: string }) => f.key === 'analytics')).toMatchObject({ enabled: true, override: null })
      expect((await as(peer.port, memberOnPeer, 'GET', '/api/analytics/usage')).status).toBe(200)
      expect((await as(peer.port, memberOnPeer, 'GET', '/')).body).toContain('href="/analytics"')
    })

    it('a feature the platform switched off shows its reason and cannot be toggled', async () => {
      expect((await platformApi(server.port, 'PUT', '/features/crm/kill-switch', { disabled: true, reason: 'Scheduled maintenance' })).status).toBe(200)
      try {
        const crm = (await as(server.port, admin, 'GET', '/api/settings/features')).json().features.find((f: { key: string }) => f.key === 'crm')
        expect(crm).toMatchObject({ inPlan: true, enabled: false, killSwitch: { reason: 'Scheduled maintenance' }, canToggle: false })
        const refused = await toggle('crm', { enabled: false })
        expect(refused.status).toBe(409)
        expect(refused.json().message).toBe('CRM is switched off for every workspace by the platform (Scheduled maintenance); it cannot be changed here')
      }
      finally {
        await platformApi(server.port, 'PUT', '/features/crm/kill-switch', { disabled: false })
      }
    })
  })
})
