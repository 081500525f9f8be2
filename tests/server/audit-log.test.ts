import { beforeAll, describe, expect, it } from 'vitest'
import { hit, platformApi, serversPerDriver, signIn } from '../support/http'

// The audit logs' list APIs (issue 19, item 7): the Action filter takes only catalogued actions
// (shared/audit-actions.ts), on both logs and their exports; each entry comes with its change
// field by field (labelled, before and after); the total says "more than" instead of counting a
// whole log, and an actor is found by email.
describe.each(serversPerDriver())('audit log API on $name', ({ port }) => {
  const HOST = 'acme.localhost'
  let admin: string
  const api = (method: string, path: string, body?: unknown) => hit(port, HOST, path, { method, body, headers: { cookie: admin } })

  beforeAll(async () => {
    admin = await signIn(port, HOST, 'admin@acme.test')
  })

  it('refuses an action that is not in the catalogue with a 400 naming the field, on both logs and their exports', async () => {
    for (const res of [
      await api('GET', '/api/audit?action=no.such.action'),
      await api('GET', '/api/audit/export?action=auth.signed_in%27--'),
      await platformApi(port, 'GET', '/audit?action=no.such.action'),
      await platformApi(port, 'GET', '/audit/export?action=Signed%20in'),
    ]) {
      expect(res.status).toBe(400)
      expect(res.json()).toMatchObject({ statusCode: 400, data: { code: 'VALIDATION_FAILED', issues: [{ path: 'action', message: 'is not an audit action' }] } })
    }
    // A catalogued action is a filter, whether or not anything was recorded under it.
    const signedIn = (await api('GET', '/api/audit?action=auth.signed_in')).json()
    expect(signedIn.total).toBeGreaterThan(0)
    expect(signedIn.items.every((e: { action: string }) => e.action === 'auth.signed_in')).toBe(true)
    expect((await api('GET', '/api/audit?action=workspace.deletion_cancelled&from=2000-01-01&to=2000-01-02')).json()).toMatchObject({ total: 0, items: [] })
    expect((await platformApi(port, 'GET', '/audit?action=tenant.created')).status).toBe(200)
  })

  it('returns each entry\'s change field by field, labelled, with before and after', async () => {
    const name = `Audit diff ${port}-${Date.now()}`
    const created = await api('POST', '/api/records/accounts', { name })
    expect(created.status).toBe(201)
    const account = created.json()
    expect((await api('PATCH', `/api/records/accounts/${account.id}`, { version: account.version, name: `${name} renamed`, employees: 42 })).status).toBe(200)

    const entries = (await api('GET', `/api/audit?entityId=${account.id}`)).json().items as { action: string, changes: unknown[] }[]
    expect(entries.map(e => e.action)).toEqual(['accounts.updated', 'accounts.created'])
    const [updated, creation] = entries
    expect(updated!.changes).toHaveLength(2)
    expect(updated!.changes).toEqual(expect.arrayContaining([
      { field: 'name', label: 'Name', kind: 'text', before: name, after: `${name} renamed` },
      { field: 'employees', label: 'Employees', kind: 'number', before: null, after: 42 },
    ]))
    // A creation has no "before" side, and does not repeat the record's own id.
    expect(creation!.changes).toContainEqual({ field: 'name', label: 'Name', kind: 'text', after: name })
    expect(creation!.changes.some(c => (c as { field: string }).field === 'id')).toBe(false)
    expect(creation!.changes.every(c => !('before' in (c as object)))).toBe(true)

    // Who: by email, as the form asks for it.
    const mine = (await api('GET', `/api/audit?actor=admin%40acme.test&entityId=${account.id}`)).json()
    expect(mine.total).toBe(2)
    expect(mine.items[0].actorEmail).toBe('admin@acme.test')
    await api('DELETE', `/api/records/accounts/${account.id}`)
  })

  it('pages the platform log with the same change shape', async () => {
    // Two entries of its own (an export is audited), each recording the filters it was given.
    for (let i = 0; i < 2; i++) expect((await platformApi(port, 'GET', '/audit/export?action=tenant.created')).status).toBe(200)
    const exported = (await platformApi(port, 'GET', '/audit?action=platform.audit.exported&pageSize=1')).json()
    expect(exported.items[0].changes).toEqual([{ field: 'filters', label: 'Filters', after: { action: 'tenant.created', page: 1, pageSize: 50 } }])
    const page = (await platformApi(port, 'GET', '/audit?pageSize=5')).json()
    expect(page.items.length).toBeGreaterThan(0)
    for (const item of page.items) expect(Array.isArray(item.changes)).toBe(true)
    const second = (await platformApi(port, 'GET', '/audit?pageSize=5&page=2')).json()
    expect(second.items.map((i: { id: string }) => i.id)).not.toContain(page.items[0].id)
  })
})
