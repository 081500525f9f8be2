import { beforeAll, describe, expect, it } from 'vitest'
import { hit, serversPerDriver, signIn } from '../support/http'

// Globex's demo members: one per system role; Ada is its only admin.
describe.each(serversPerDriver())('members, sessions and audit on $name', ({ port }) => {
  const host = 'globex.localhost'
  let admin: string
  const as = (cookie: string, init: { method?: string, body?: unknown } = {}) => ({ ...init, headers: { cookie } })
  const api = (cookie: string, path: string, init: { method?: string, body?: unknown } = {}) => hit(port, host, path, as(cookie, init))
  const memberId = async (email: string) => (await api(admin, `/api/members?search=${encodeURIComponent(email)}`)).json().items[0].id as string
  const auditCount = async (action: string) => (await api(admin, `/api/audit?action=${action}&pageSize=1`)).json().total as number

  beforeAll(async () => {
    admin = await signIn(port, host, 'admin@globex.test')
  })

  it('lists members with search, role filter and pages; only for roles that may read members', async () => {
    const all = (await api(admin, '/api/members')).json()
    expect(all.total).toBe(5)
    expect(all.items.map((m: { email: string }) => m.email)).toContain('member@globex.test')
    expect((await api(admin, '/api/members?search=mia')).json().items.map((m: { name: string }) => m.name)).toEqual(['Mia Member'])
    expect((await api(admin, '/api/members?role=viewer')).json().items).toHaveLength(1)
    const page2 = (await api(admin, '/api/members?pageSize=2&page=2')).json()
    expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 })
    expect(page2.items).toHaveLength(2)
    expect((await api(admin, '/api/members?pageSize=1000')).status).toBe(400)
    expect((await api(admin, '/api/members?search=%25')).json().items).toHaveLength(0) // % is literal, not a wildcard

    const viewer = await signIn(port, host, 'viewer@globex.test')
    expect((await api(viewer, '/api/members')).status).toBe(403)
  })

  it('revoking a member\'s sessions signs them out on the next request, with one audit entry', async () => {
    const member = await signIn(port, host, 'member@globex.test')
    expect((await api(member, '/api/overview')).status).toBe(200)
    const before = await auditCount('member.sessions_revoked')
    const res = await api(admin, `/api/members/${await memberId('member@globex.test')}/revoke-sessions`, { method: 'POST' })
    expect(res.status).toBe(200)
    expect(res.json().revoked).toBeGreaterThanOrEqual(1)
    expect((await api(member, '/api/overview')).status).toBe(401)
    expect(await auditCount('member.sessions_revoked')).toBe(before + 1)
  })

  it('a role change applies at once (their sessions end) and is audited once', async () => {
    const id = await memberId('support@globex.test')
    const support = await signIn(port, host, 'support@globex.test')
    const before = await auditCount('member.updated')
    try {
      const res = await api(admin, `/api/members/${id}`, { method: 'PATCH', body: { role: 'manager' } })
      expect(res.status).toBe(200)
      expect(res.json().role.key).toBe('manager')
      expect(await auditCount('member.updated')).toBe(before + 1)
      expect((await api(support, '/api/overview')).status).toBe(401)
      const again = await signIn(port, host, 'support@globex.test')
      expect((await api(again, '/api/auth/session')).json().role.key).toBe('manager')
    }
    finally {
      await api(admin, `/api/members/${id}`, { method: 'PATCH', body: { role: 'support' } })
    }
  })

  it('the last admin cannot be demoted or deactivated, and nothing changes', async () => {
    const id = await memberId('admin@globex.test')
    for (const body of [{ role: 'viewer' }, { status: 'deactivated' }]) {
      const res = await api(admin, `/api/members/${id}`, { method: 'PATCH', body })
      expect(res.status).toBe(409)
      expect(res.json().data.code).toBe('LAST_ADMIN')
    }
    expect((await api(admin, '/api/auth/session')).json().role.key).toBe('admin')
  })

  it('refuses mass assignment and unknown roles; another tenant\'s member is a 404', async () => {
    const id = await memberId('viewer@globex.test')
    for (const body of [{ tenantId: '00000000-0000-0000-0000-000000000000' }, { email: 'x@evil.test' }, { isAdmin: true }, {}]) {
      expect((await api(admin, `/api/members/${id}`, { method: 'PATCH', body })).status).toBe(400)
    }
    expect((await api(admin, `/api/members/${id}`, { method: 'PATCH', body: { role: 'owner' } })).json().data.issues[0].path).toBe('role')
    expect((await api(admin, '/api/members/not-a-uuid', { method: 'PATCH', body: { role: 'viewer' } })).status).toBe(400)

    const acmeAdmin = await signIn(port, 'acme.localhost', 'admin@acme.test')
    const acmeMember = (await hit(port, 'acme.localhost', '/api/members?search=viewer', as(acmeAdmin))).json().items[0].id
    expect((await api(admin, `/api/members/${acmeMember}`, { method: 'PATCH', body: { role: 'manager' } })).status).toBe(404)
    expect((await api(admin, `/api/members/${acmeMember}/revoke-sessions`, { method: 'POST' })).status).toBe(404)
  })

  it('"sign out everywhere" ends all of the caller\'s sessions', async () => {
    const first = await signIn(port, host, 'manager@globex.test')
    const second = await signIn(port, host, 'manager@globex.test')
    const res = await api(first, '/api/auth/logout-all', { method: 'POST' })
    expect(res.json().revoked).toBeGreaterThanOrEqual(2)
    expect((await api(second, '/api/auth/session')).status).toBe(401)
  })

  it('records sign-ins and failures in the audit log, filterable, and exports it as CSV', async () => {
    await hit(port, host, '/api/auth/login', { method: 'POST', body: { email: 'viewer@globex.test', password: 'wrong-password-3' } })
    const failed = (await api(admin, '/api/audit?action=auth.sign_in_failed')).json()
    expect(failed.total).toBeGreaterThan(0)
    expect(failed.items[0]).toMatchObject({ action: 'auth.sign_in_failed', actorType: 'anonymous', ip: expect.any(String), requestId: expect.any(String) })
    const signedIn = (await api(admin, '/api/audit?action=auth.signed_in&actor=admin@globex.test')).json()
    expect(signedIn.items.every((e: { actorEmail: string }) => e.actorEmail === 'admin@globex.test')).toBe(true)
    expect((await api(admin, '/api/audit?from=2026-13-01')).status).toBe(400)
    expect((await api(admin, '/api/audit?from=2026-02-01&to=2026-01-01')).status).toBe(400)

    const csv = await api(admin, '/api/audit/export?action=auth.signed_in')
    expect(csv.status).toBe(200)
    expect(csv.headers['content-type']).toMatch(/text\/csv/)
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="audit-/)
    expect(csv.body.split('\n')[0]).toBe('time,actor_type,actor_id,actor_email,action,entity_type,entity_id,before,after,ip,request_id,impersonated_by')
    // Every matching entry, newest first, nothing cut.
    const times = csv.body.trim().split('\n').slice(1).map(line => line.split(',')[0]!)
    expect(times.length).toBe((await api(admin, '/api/audit?action=auth.signed_in&pageSize=1')).json().total)
    expect([...times].sort().reverse()).toEqual(times)

    const member = await signIn(port, host, 'member@globex.test')
    expect((await api(member, '/api/audit')).status).toBe(403)
    expect((await api(member, '/api/audit/export')).status).toBe(403)
  })
})
