import { beforeAll, describe, expect, it } from 'vitest'
import { hit, serversPerDriver, signIn } from '../support/http'

describe.each(serversPerDriver())('custom roles and teams on $name', ({ port }) => {
  const host = 'initech.localhost'
  let admin: string
  const api = (cookie: string, method: string, path: string, body?: unknown) => hit(port, host, path, { method, body, headers: { cookie } })
  const idOf = async (email: string) => (await api(admin, 'GET', `/api/members?search=${email}`)).json().items[0].id as string

  beforeAll(async () => {
    admin = await signIn(port, host, 'admin@initech.test')
  })

  it('an admin builds a custom role from the catalogue; its holders get exactly those permissions', async () => {
    const created = await api(admin, 'POST', '/api/roles', { name: `Analyst ${port}`, permissions: ['dashboard:read', 'analytics:read', 'analytics:read'] })
    expect(created.status).toBe(201)
    const key = created.json().key
    expect(key).toBe(`analyst-${port}`)
    expect(created.json().permissions).toEqual(['dashboard:read', 'analytics:read'])

    const viewerId = await idOf('viewer@initech.test')
    try {
      expect((await api(admin, 'PATCH', `/api/members/${viewerId}`, { role: key })).status).toBe(200)
      const analyst = await signIn(port, host, 'viewer@initech.test')
      expect((await api(analyst, 'GET', '/api/analytics/usage')).status).toBe(200)
      expect((await api(analyst, 'GET', '/api/members')).status).toBe(403)

      // Editing the role applies to its holder's next request, without signing in again.
      expect((await api(admin, 'PATCH', `/api/roles/${key}`, { permissions: ['dashboard:read', 'members:read'] })).status).toBe(200)
      expect((await api(analyst, 'GET', '/api/members')).status).toBe(200)
      expect((await api(analyst, 'GET', '/api/analytics/usage')).status).toBe(403)

      expect((await api(admin, 'DELETE', `/api/roles/${key}`)).status).toBe(409) // still held
      // The roles list says who holds each role.
      const held = (await api(admin, 'GET', '/api/roles')).json() as { key: string, members: number }[]
      expect(held.find(r => r.key === key)!.members).toBe(1)
      expect(held.find(r => r.key === 'admin')!.members).toBeGreaterThanOrEqual(1)
    }
    finally {
      await api(admin, 'PATCH', `/api/members/${viewerId}`, { role: 'viewer' })
    }
    expect((await api(admin, 'DELETE', `/api/roles/${key}`)).status).toBe(204)
    expect((await api(admin, 'GET', '/api/roles')).json().map((r: { key: string }) => r.key)).not.toContain(key)
  })

  it('refuses unknown permissions, duplicate keys, and changes to system roles', async () => {
    const bad = await api(admin, 'POST', '/api/roles', { name: 'X', permissions: ['everything:all'] })
    expect(bad.status).toBe(400)
    expect(bad.json().data.issues[0].path).toBe('permissions.0')
    expect((await api(admin, 'POST', '/api/roles', { key: 'admin', name: 'Admin 2', permissions: [] })).status).toBe(409)
    expect((await api(admin, 'PATCH', '/api/roles/admin', { permissions: [] })).status).toBe(403)
    expect((await api(admin, 'DELETE', '/api/roles/viewer')).status).toBe(403)
    expect((await api(admin, 'POST', '/api/roles', { name: 'Y', permissions: [], isSystem: true })).status).toBe(400)
    const member = await signIn(port, host, 'manager@initech.test')
    expect((await api(member, 'POST', '/api/roles', { name: 'Z', permissions: [] })).status).toBe(403)
  })

  it('teams form a hierarchy without cycles and hold members of this tenant only', async () => {
    const sales = (await api(admin, 'POST', '/api/teams', { name: `Sales ${port}` })).json()
    const emea = await api(admin, 'POST', '/api/teams', { name: 'EMEA', parentId: sales.id })
    expect(emea.status).toBe(201)
    expect((await api(admin, 'POST', '/api/teams', { name: 'EMEA', parentId: sales.id })).status).toBe(409)
    const cycle = await api(admin, 'PATCH', `/api/teams/${sales.id}`, { parentId: emea.json().id })
    expect(cycle.status).toBe(400)
    expect(cycle.json().data.issues[0].path).toBe('parentId')

    const set = await api(admin, 'PUT', `/api/teams/${emea.json().id}/members`, { userIds: [await idOf('member@initech.test'), await idOf('manager@initech.test')] })
    expect(set.status).toBe(200)
    const listed = (await api(admin, 'GET', '/api/teams')).json()
    expect(listed.find((t: { id: string }) => t.id === emea.json().id)).toMatchObject({ parentId: sales.id, members: 2 })
    const members = await api(admin, 'GET', `/api/teams/${emea.json().id}/members`)
    expect(members.status).toBe(200)
    expect(members.json().map((m: { email: string }) => m.email).sort()).toEqual(['manager@initech.test', 'member@initech.test'])
    expect((await api(admin, 'GET', '/api/teams/not-a-uuid/members')).status).toBe(400)

    // A lead is one of the members; it stays while they stay, and goes when they leave.
    const [memberId, managerId] = [await idOf('member@initech.test'), await idOf('manager@initech.test')]
    const notIn = await api(admin, 'PUT', `/api/teams/${emea.json().id}/members`, { userIds: [memberId], leadId: managerId })
    expect(notIn.status).toBe(400)
    expect(notIn.json().data.issues[0].path).toBe('leadId')
    expect((await api(admin, 'PUT', `/api/teams/${emea.json().id}/members`, { userIds: [memberId, managerId], leadId: managerId })).json()).toMatchObject({ leadId: managerId })
    const leadOf = async () => (await api(admin, 'GET', '/api/teams')).json().find((t: { id: string }) => t.id === emea.json().id).lead
    expect(await leadOf()).toMatchObject({ id: managerId })
    expect((await api(admin, 'PUT', `/api/teams/${emea.json().id}/members`, { userIds: [managerId, memberId] })).json()).toMatchObject({ leadId: managerId })
    expect((await api(admin, 'PUT', `/api/teams/${emea.json().id}/members`, { userIds: [memberId] })).json()).toMatchObject({ leadId: null })
    expect(await leadOf()).toBeNull()

    const acmeAdmin = await signIn(port, 'acme.localhost', 'admin@acme.test')
    const stranger = (await hit(port, 'acme.localhost', '/api/members?search=viewer', { headers: { cookie: acmeAdmin } })).json().items[0].id
    expect((await api(admin, 'PUT', `/api/teams/${emea.json().id}/members`, { userIds: [stranger] })).status).toBe(400)
    expect((await hit(port, 'acme.localhost', `/api/teams/${emea.json().id}`, { method: 'DELETE', headers: { cookie: acmeAdmin } })).status).toBe(404)
    expect((await hit(port, 'acme.localhost', `/api/teams/${emea.json().id}/members`, { headers: { cookie: acmeAdmin } })).status).toBe(404)

    expect((await api(admin, 'DELETE', `/api/teams/${sales.id}`)).status).toBe(409) // has a sub-team
    expect((await api(admin, 'DELETE', `/api/teams/${emea.json().id}`)).status).toBe(204)
    expect((await api(admin, 'DELETE', `/api/teams/${sales.id}`)).status).toBe(204)
  })
})
