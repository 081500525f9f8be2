import { beforeAll, describe, expect, it } from 'vitest'
import { hit, serversPerDriver, signIn } from '../support/http'

// A role's record scope (all / team / own) is set in the role editor and applies to its holders'
// next request, like its permissions: no new sign-in, no stale cached session.
describe.each(serversPerDriver())('a role\'s record scope on $name', ({ port }) => {
  const host = 'sterling.localhost'
  let admin: string
  const api = (cookie: string, method: string, path: string, body?: unknown) => hit(port, host, path, { method, body, headers: { cookie } })
  const idOf = async (email: string) => (await api(admin, 'GET', `/api/members?search=${email}`)).json().items[0].id as string

  beforeAll(async () => {
    admin = await signIn(port, host, 'admin@sterling.test')
  })

  it('is created, listed and edited with the role, and refused when unknown', async () => {
    const created = await api(admin, 'POST', '/api/roles', { name: `Scoped ${port}`, permissions: ['accounts:read'], recordScope: 'team' })
    expect(created.status).toBe(201)
    const key = created.json().key as string
    try {
      expect(created.json().recordScope).toBe('team')
      const listed = (await api(admin, 'GET', '/api/roles')).json() as { key: string, recordScope: string }[]
      expect(listed.find(r => r.key === key)!.recordScope).toBe('team')
      expect(listed.find(r => r.key === 'admin')!.recordScope).toBe('all')

      const bad = await api(admin, 'PATCH', `/api/roles/${key}`, { recordScope: 'everyone' })
      expect(bad.status).toBe(400)
      expect(bad.json().data.issues[0].path).toBe('recordScope')
      expect((await api(admin, 'POST', '/api/roles', { name: 'Bad scope', permissions: [], recordScope: 'mine' })).status).toBe(400)
      expect((await api(admin, 'PATCH', '/api/roles/viewer', { recordScope: 'own' })).status).toBe(403)

      const patched = await api(admin, 'PATCH', `/api/roles/${key}`, { recordScope: 'own' })
      expect(patched.status).toBe(200)
      expect(patched.json().recordScope).toBe('own')
      // Without a scope a new role sees everything, as before scopes existed.
      const plain = await api(admin, 'POST', '/api/roles', { name: `Unscoped ${port}`, permissions: [] })
      expect(plain.json().recordScope).toBe('all')
      expect((await api(admin, 'DELETE', `/api/roles/${plain.json().key}`)).status).toBe(204)
    }
    finally {
      await api(admin, 'DELETE', `/api/roles/${key}`)
    }
  })

  it('narrows and widens what a signed-in holder sees on their next request', async () => {
    const tag = `scope-${port}-${Date.now()}`
    const role = (await api(admin, 'POST', '/api/roles', { name: `Rep ${port}`, permissions: ['accounts:read', 'accounts:write'], recordScope: 'own' })).json()
    const memberId = await idOf('member@sterling.test')
    const adminsAccount = (await api(admin, 'POST', '/api/records/accounts', { name: `${tag} admin's` })).json()
    expect(adminsAccount.owner.id).not.toBe(memberId)
    try {
      expect((await api(admin, 'PATCH', `/api/members/${memberId}`, { role: role.key })).status).toBe(200)
      const rep = await signIn(port, host, 'member@sterling.test')
      const own = await api(rep, 'POST', '/api/records/accounts', { name: `${tag} rep's` })
      expect(own.status).toBe(201)
      const names = async () => ((await api(rep, 'GET', `/api/records/accounts?q=${tag}`)).json().items as { title: string }[]).map(i => i.title).sort()

      // Own: only the holder's record, and the other is a 404 by id.
      expect(await names()).toEqual([`${tag} rep's`])
      expect((await api(rep, 'GET', `/api/records/accounts/${adminsAccount.id}`)).status).toBe(404)

      // All: the same session now sees both, without signing in again.
      expect((await api(admin, 'PATCH', `/api/roles/${role.key}`, { recordScope: 'all' })).status).toBe(200)
      expect(await names()).toEqual([`${tag} admin's`, `${tag} rep's`])
      expect((await api(rep, 'GET', `/api/records/accounts/${adminsAccount.id}`)).status).toBe(200)

      // Team: the admin's records show once they share a team with the holder.
      expect((await api(admin, 'PATCH', `/api/roles/${role.key}`, { recordScope: 'team' })).status).toBe(200)
      expect(await names()).toEqual([`${tag} rep's`])
      const team = (await api(admin, 'POST', '/api/teams', { name: `Desk ${tag}` })).json()
      try {
        expect((await api(admin, 'PUT', `/api/teams/${team.id}/members`, { userIds: [memberId, adminsAccount.owner.id] })).status).toBe(200)
        expect(await names()).toEqual([`${tag} admin's`, `${tag} rep's`])
      }
      finally {
        await api(admin, 'DELETE', `/api/teams/${team.id}`)
      }

      // The change is in the audit log with its before and after.
      const audit = (await api(admin, 'GET', `/api/audit?action=role.updated&entityId=${role.key}`)).json()
      const entry = audit.items.find((e: { entityId: string }) => e.entityId === role.key)
      expect(entry.after.recordScope).toBe('team')
      expect(entry.before.recordScope).toBe('all')
      await api(rep, 'DELETE', `/api/records/accounts/${own.json().id}`)
    }
    finally {
      await api(admin, 'PATCH', `/api/members/${memberId}`, { role: 'member' })
      await api(admin, 'DELETE', `/api/roles/${role.key}`)
      await api(admin, 'DELETE', `/api/records/accounts/${adminsAccount.id}`)
    }
  })

  it('applies to the API keys of the role\'s holders at once, not after their cache expires', async () => {
    const tag = `key-${port}-${Date.now()}`
    const role = (await api(admin, 'POST', '/api/roles', { name: `Integrator ${port}`, permissions: ['accounts:read', 'settings:admin'], recordScope: 'own' })).json()
    const supportId = await idOf('support@sterling.test')
    const adminsAccount = (await api(admin, 'POST', '/api/records/accounts', { name: `${tag} admin's` })).json()
    try {
      expect((await api(admin, 'PATCH', `/api/members/${supportId}`, { role: role.key })).status).toBe(200)
      const holder = await signIn(port, host, 'support@sterling.test')
      const created = await api(holder, 'POST', '/api/api-keys', { name: `Scope ${tag}`, scopes: ['accounts:read'] })
      expect(created.status).toBe(201)
      const bearer = { authorization: `Bearer ${created.json().key}` }
      const seen = async () => (await hit(port, host, `/api/records/accounts?q=${tag}`, { headers: bearer })).json().items.length as number
      expect(await seen()).toBe(0)
      expect((await api(admin, 'PATCH', `/api/roles/${role.key}`, { recordScope: 'all' })).status).toBe(200)
      expect(await seen()).toBe(1)
      await api(holder, 'DELETE', `/api/api-keys/${created.json().id}`)
    }
    finally {
      await api(admin, 'PATCH', `/api/members/${supportId}`, { role: 'support' })
      await api(admin, 'DELETE', `/api/roles/${role.key}`)
      await api(admin, 'DELETE', `/api/records/accounts/${adminsAccount.id}`)
    }
  })
})
