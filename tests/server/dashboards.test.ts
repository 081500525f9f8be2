import { beforeAll, describe, expect, it } from 'vitest'
import { hit, serversPerDriver, signIn } from '../support/http'

// Custom dashboards: who may build them, who sees them (their author and the roles they are
// shared with, no one else), and what a widget may ask for. Writes go to nakatomi only;
// prestige is read to prove another workspace never sees them.

const HOST = 'nakatomi.localhost'

const widget = (over: Record<string, unknown> = {}) => ({
  id: `w-${Math.random().toString(36).slice(2, 10)}`,
  title: 'Deals by stage',
  chart: 'bar',
  query: { metric: 'deals.count', dimension: 'stage' },
  layout: { x: 0, y: 0, w: 6, h: 4 },
  ...over,
})

const paths = (res: { json: () => { data?: { issues?: { path: string }[] } } }) => res.json().data?.issues?.map(i => i.path)

describe.each(serversPerDriver())('custom dashboards on $name', ({ port }) => {
  const cookies: Record<string, string> = {}
  const api = (who: string, method: string, path: string, body?: unknown, host = HOST) => hit(port, host, path, { method, body, headers: { cookie: cookies[who]! } })
  const tag = `${port}-${Date.now().toString(36)}`
  const listed = async (who: string) => ((await api(who, 'GET', '/api/dashboards')).json() as { id: string }[]).map(d => d.id)

  beforeAll(async () => {
    for (const role of ['admin', 'manager', 'member', 'viewer', 'support']) cookies[role] = await signIn(port, HOST, `${role}@nakatomi.test`)
    cookies.outsider = await signIn(port, 'prestige.localhost', 'admin@prestige.test')
  })

  it('a manager builds a dashboard; a member (dashboard:read only) may not', async () => {
    const denied = await api('member', 'POST', '/api/dashboards', { name: `Member's ${tag}` })
    expect(denied.status).toBe(403)
    expect(denied.json().data.code).toBe('FORBIDDEN')

    const created = await api('manager', 'POST', '/api/dashboards', { name: `Sales ${tag}`, description: 'Weekly review', widgets: [widget(), widget({ chart: 'kpi', title: 'Won', query: { metric: 'deals.won_value', compare: true } })] })
    expect(created.status, created.body).toBe(201)
    const body = created.json()
    expect(body).toMatchObject({ name: `Sales ${tag}`, description: 'Weekly review', widgetCount: 2, canEdit: true, version: 1, sharedRoleKeys: [], ownerName: expect.any(String) })
    expect(body.widgets[1].query).toEqual({ metric: 'deals.won_value', compare: true, filters: {}, limit: 12 })
  })

  it('is visible to its author and the roles it is shared with, and to no one else', async () => {
    const { id } = (await api('manager', 'POST', '/api/dashboards', { name: `Shared ${tag}`, widgets: [widget()] })).json()
    // Not shared yet: only the author (and not even an admin) sees it.
    expect(await listed('manager')).toContain(id)
    for (const who of ['admin', 'member', 'viewer', 'support']) {
      expect(await listed(who), who).not.toContain(id)
      expect((await api(who, 'GET', `/api/dashboards/${id}`)).status, who).toBe(404)
    }

    const shared = await api('manager', 'PATCH', `/api/dashboards/${id}`, { version: 1, sharedRoleKeys: ['viewer', 'support'] })
    expect(shared.status, shared.body).toBe(200)
    expect(shared.json()).toMatchObject({ version: 2, sharedRoleKeys: ['support', 'viewer'] })

    for (const who of ['viewer', 'support']) {
      expect(await listed(who), who).toContain(id)
      const read = await api(who, 'GET', `/api/dashboards/${id}`)
      expect(read.status).toBe(200)
      expect(read.json()).toMatchObject({ canEdit: false, widgets: [{ query: { metric: 'deals.count' } }] })
    }
    for (const who of ['admin', 'member']) expect(await listed(who), who).not.toContain(id)
    // Another workspace cannot reach it even by id.
    expect((await api('outsider', 'GET', `/api/dashboards/${id}`, undefined, 'prestige.localhost')).status).toBe(404)

    // Unsharing takes it away again.
    await api('manager', 'PATCH', `/api/dashboards/${id}`, { version: 2, sharedRoleKeys: ['support'] })
    expect(await listed('viewer')).not.toContain(id)
    expect(await listed('support')).toContain(id)
  })

  it('only its author or a dashboard admin changes or deletes it', async () => {
    const { id } = (await api('manager', 'POST', '/api/dashboards', { name: `Owned ${tag}`, sharedRoleKeys: ['admin', 'viewer'] })).json()
    expect((await api('viewer', 'PATCH', `/api/dashboards/${id}`, { version: 1, name: 'Mine now' })).status).toBe(403)
    expect((await api('viewer', 'DELETE', `/api/dashboards/${id}`)).status).toBe(403)
    const byAdmin = await api('admin', 'PATCH', `/api/dashboards/${id}`, { version: 1, name: `Renamed ${tag}` })
    expect(byAdmin.status, byAdmin.body).toBe(200)
    expect(byAdmin.json()).toMatchObject({ name: `Renamed ${tag}`, canEdit: true, version: 2 })

    // A save from the version the author read before the admin's change is refused with the current one.
    const stale = await api('manager', 'PATCH', `/api/dashboards/${id}`, { version: 1, name: 'Lost update' })
    expect(stale.status).toBe(409)
    expect(stale.json().data).toMatchObject({ code: 'STALE', current: { name: `Renamed ${tag}`, version: 2 } })

    expect((await api('manager', 'DELETE', `/api/dashboards/${id}`)).status).toBe(204)
    expect((await api('manager', 'GET', `/api/dashboards/${id}`)).status).toBe(404)
    expect((await api('admin', 'GET', `/api/dashboards/${id}`)).status).toBe(404)
  })

  it('refuses unknown metrics, bad layouts and foreign roles with the field named, and writes nothing', async () => {
    const before = await listed('manager')
    const cases: [unknown, string][] = [
      [{ name: 'x', widgets: [widget({ query: { metric: 'deals.secret_sauce' } })] }, 'widgets.0.query.metric'],
      [{ name: 'x', widgets: [widget({ query: { metric: 'deals.count', dimension: 'priority' } })] }, 'widgets.0.query.dimension'],
      [{ name: 'x', widgets: [widget({ query: { metric: 'deals.count', filters: { sql: '1=1' } } })] }, 'widgets.0.query.filters'],
      [{ name: 'x', widgets: [widget({ layout: { x: 10, y: 0, w: 6, h: 4 } })] }, 'widgets.0.layout.w'],
      [{ name: 'x', widgets: [widget({ chart: 'sankey' })] }, 'widgets.0.chart'],
      [{ name: '', widgets: [] }, 'name'],
      [{ name: 'x', sharedRoleKeys: ['no-such-role'] }, 'sharedRoleKeys'],
      [{ name: 'x', ownerId: '00000000-0000-0000-0000-000000000000' }, ''],
    ]
    for (const [body, path] of cases) {
      const res = await api('manager', 'POST', '/api/dashboards', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.json().data.code).toBe('VALIDATION_FAILED')
      if (path) expect(paths(res), JSON.stringify(body)).toContain(path)
    }
    expect((await api('manager', 'GET', '/api/dashboards/not-an-id')).status).toBe(400)
    expect(await listed('manager')).toEqual(before)
  })

  it('refuses a widget over data its author cannot read', async () => {
    // An API key acts for its creator with only its scopes: here dashboards and tickets, no deals.
    const created = await api('admin', 'POST', '/api/api-keys', { name: `Dashboards ${tag}`, scopes: ['dashboard:read', 'dashboard:write', 'tickets:read'] })
    expect(created.status, created.body).toBe(201)
    const headers = { authorization: `Bearer ${created.json().key}` }
    const overDeals = await hit(port, HOST, '/api/dashboards', { method: 'POST', body: { name: `Key ${tag}`, widgets: [widget()] }, headers })
    expect(overDeals.status).toBe(400)
    expect(overDeals.json().data.issues).toEqual([{ path: 'widgets.0.query.metric', message: 'Your role cannot read the data behind deals' }])
    const overTickets = await hit(port, HOST, '/api/dashboards', { method: 'POST', body: { name: `Key ${tag}`, widgets: [widget({ query: { metric: 'tickets.count', dimension: 'priority' } })] }, headers })
    expect(overTickets.status, overTickets.body).toBe(201)
    // The key's dashboard is its creator's.
    expect(await listed('admin')).toContain(overTickets.json().id)
  })

  it('needs a session and the dashboards module', async () => {
    expect((await hit(port, HOST, '/api/dashboards')).status).toBe(401)
  })
})
