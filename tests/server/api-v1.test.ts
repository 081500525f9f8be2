import { randomUUID } from 'node:crypto'
import SwaggerParser from '@apidevtools/swagger-parser'
import { Ajv2020 } from 'ajv/dist/2020'
import createClient from 'openapi-fetch'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Hit } from '../support/http'
import { hit, serversPerDriver, signIn } from '../support/http'
import type { paths } from '../support/api-v1'

// The public REST API v1 through real HTTP: its OpenAPI document as each workspace serves it, a
// client typed from that document (openapi-typescript's types, openapi-fetch) listing, creating,
// updating and deleting records with an API key, every answer checked against the document's
// schema, and the guards (scopes, other workspaces, bad input, idempotent retries).
// Writes go to weyland only; globex is read to prove nothing crosses.

const HOST = 'weyland.localhost'

interface Doc { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>> }

describe.each(serversPerDriver())('public API v1 on $name', ({ port }) => {
  let admin: string
  let key: string
  let narrowKey: string
  let doc: Doc
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true })
  const tag = `${port}-${Date.now().toString(36)}`
  const bearer = (k: string) => ({ authorization: `Bearer ${k}` })
  const v1 = (method: string, path: string, body?: unknown, headers: Record<string, string> = bearer(key)) => hit(port, HOST, `/api/v1${path}`, { method, body, headers })

  /** The answer matches what the document says this operation answers with this status. */
  function conforms(res: Hit, path: string, method: string) {
    const schema = doc.paths[path]?.[method]?.responses[String(res.status)]?.content?.['application/json']?.schema
    expect(schema, `${method.toUpperCase()} ${path} documents no ${res.status}`).toBeDefined()
    const validate = ajv.compile(schema!)
    expect(validate(res.json()), `${method.toUpperCase()} ${path} ${res.status}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true)
  }

  /** A client typed from the document, sending through node:http so the Host header is the workspace's. */
  const client = (k: string) => createClient<paths>({
    baseUrl: `http://${HOST}/api/v1`,
    fetch: async (request: Request) => {
      const url = new URL(request.url)
      const body = request.body ? await request.text() : undefined
      const res = await hit(port, HOST, url.pathname + url.search, { method: request.method, body, headers: { ...Object.fromEntries(request.headers), ...bearer(k) } })
      return new Response(res.status === 204 ? null : res.body, { status: res.status, headers: { 'content-type': String(res.headers['content-type'] ?? 'application/json') } })
    },
  })

  beforeAll(async () => {
    admin = await signIn(port, HOST, 'admin@weyland.test')
    const made = async (scopes: string[]) => (await hit(port, HOST, '/api/api-keys', { method: 'POST', body: { name: `v1 ${scopes.length} ${tag}`, scopes }, headers: { cookie: admin } })).json().key as string
    key = await made(['deals:read', 'deals:write', 'deals:delete', 'members:read', 'teams:read', 'audit:read', 'dashboard:read', 'webhooks:admin'])
    narrowKey = await made(['accounts:read'])
    // Test workspaces start without records: enough deals for a few pages.
    for (let i = 0; i < 16; i++) await v1('POST', '/records/deals', { name: `Seeded ${i} ${tag}`, amountMinor: 1000 * i })
    doc = await SwaggerParser.dereference((await hit(port, HOST, '/api/v1/openapi.json')).json()) as unknown as Doc
  })

  it('serves its OpenAPI document publicly, valid, with the workspace\'s own address as server', async () => {
    const res = await hit(port, HOST, '/api/v1/openapi.json')
    expect(res.status).toBe(200)
    expect(res.headers['cache-control']).toContain('max-age')
    const served = res.json()
    await expect(SwaggerParser.validate(served)).resolves.toBeTruthy()
    expect(served.servers).toEqual([{ url: `http://${HOST}/api/v1`, description: 'Weyland-Yutani' }])
    expect(served.info.title).toBe('Weyland-Yutani API')
    const other = (await hit(port, 'globex.localhost', '/api/v1/openapi.json')).json()
    await expect(SwaggerParser.validate(other)).resolves.toBeTruthy()
    expect(other.servers[0].url).toBe('http://globex.localhost/api/v1')
    // Globex's plan (Starter) has no tickets, dashboards or webhooks: neither has its reference.
    expect(Object.keys(served.paths)).toEqual(expect.arrayContaining(['/records/tickets', '/dashboards', '/webhooks']))
    expect(Object.keys(other.paths)).toEqual(expect.arrayContaining(['/records/deals', '/records/tasks', '/members', '/audit-log']))
    expect(Object.keys(other.paths).filter(p => /tickets|dashboards|webhooks/.test(p))).toEqual([])
    expect(other.tags.map((t: { name: string }) => t.name)).not.toContain('Webhooks')
    expect((await hit(port, 'globex.localhost', '/api/v1/webhooks', { headers: { cookie: await signIn(port, 'globex.localhost', 'admin@globex.test') } })).json().data.code).toBe('FEATURE_DISABLED')
    // The platform domain has no workspace, hence no API.
    expect((await hit(port, 'localhost', '/api/v1/openapi.json')).status).toBe(404)
  })

  it('a typed client lists, creates, reads, updates and deletes a deal; every answer is as documented', async () => {
    const api = client(key)
    const list = await api.GET('/records/deals', { params: { query: { limit: 3, sort: 'createdAt', dir: 'desc' } } })
    expect(list.response.status).toBe(200)
    expect(list.data!.items).toHaveLength(3)
    conforms(await v1('GET', '/records/deals?limit=3'), '/records/deals', 'get')

    const created = await api.POST('/records/deals', { body: { name: `Nostromo refit ${tag}`, amountMinor: 125_000, currency: 'USD' } })
    expect(created.response.status, JSON.stringify(created.error)).toBe(201)
    const deal = created.data!
    expect(deal).toMatchObject({ name: `Nostromo refit ${tag}`, amountMinor: 125_000, version: 1, status: 'open', deletedAt: null })
    // Internal columns stay out of the contract.
    expect(Object.keys(deal)).not.toContain('tenantId')
    expect(Object.keys(deal)).not.toContain('convertedInto')

    const read = await v1('GET', `/records/deals/${deal.id}`)
    conforms(read, '/records/deals/{id}', 'get')
    expect(read.json().refs.stageId.title).toEqual(expect.any(String))

    const updated = await api.PATCH('/records/deals/{id}', { params: { path: { id: deal.id } }, body: { version: 1, amountMinor: 250_000 } })
    expect(updated.response.status).toBe(200)
    expect(updated.data).toMatchObject({ amountMinor: 250_000, version: 2 })

    // An edit from a stale read is refused and changes nothing.
    const stale = await v1('PATCH', `/records/deals/${deal.id}`, { version: 1, amountMinor: 1 })
    expect(stale.status).toBe(409)
    expect(stale.json().data.code).toBe('STALE')
    conforms(stale, '/records/deals/{id}', 'patch')
    expect((await v1('GET', `/records/deals/${deal.id}`)).json().amountMinor).toBe(250_000)

    const filtered = await api.GET('/records/deals', { params: { query: { q: `Nostromo refit ${tag}` } } })
    expect(filtered.data!.items.map(d => d.id)).toEqual([deal.id])

    const removed = await api.DELETE('/records/deals/{id}', { params: { path: { id: deal.id } } })
    expect(removed.response.status).toBe(204)
    const gone = await v1('GET', `/records/deals/${deal.id}`)
    expect(gone.status).toBe(404)
    conforms(gone, '/records/deals/{id}', 'get')
    expect((await api.GET('/records/deals', { params: { query: { deleted: 'true', q: `Nostromo refit ${tag}` } } })).data!.items.map(d => d.id)).toEqual([deal.id])

    // And back, as the list's undo does.
    const restored = await api.POST('/records/deals/{id}/restore', { params: { path: { id: deal.id } } })
    expect(restored.response.status).toBe(200)
    expect(restored.data).toMatchObject({ id: deal.id, deletedAt: null, amountMinor: 250_000 })
    conforms(await v1('GET', `/records/deals/${deal.id}`), '/records/deals/{id}', 'get')
    expect((await v1('POST', `/records/deals/${deal.id}/restore`)).status).toBe(404)
  })

  it('pages lists with cursors: records, members and the audit log, no entry twice', async () => {
    const seen = new Set<string>()
    let cursor: string | null = null
    for (let i = 0; i < 3; i++) {
      const res = await v1('GET', `/records/deals?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      const page = res.json() as { items: { id: string }[], nextCursor: string | null }
      for (const item of page.items) seen.add(item.id)
      cursor = page.nextCursor
    }
    expect(seen.size).toBe(15)

    const first = await v1('GET', '/members?limit=2')
    conforms(first, '/members', 'get')
    const second = await v1('GET', `/members?limit=2&cursor=${first.json().nextCursor}`)
    expect(second.status).toBe(200)
    const ids = [...first.json().items, ...second.json().items].map((m: { id: string }) => m.id)
    expect(new Set(ids).size).toBe(4)

    const auditFirst = await v1('GET', '/audit-log?limit=3')
    conforms(auditFirst, '/audit-log', 'get')
    // A write between two pages does not shift the next page: it continues where the first ended.
    await v1('POST', '/records/deals', { name: `Between pages ${tag}` })
    const auditSecond = await v1('GET', `/audit-log?limit=3&cursor=${auditFirst.json().nextCursor}`)
    const auditIds = [...auditFirst.json().items, ...auditSecond.json().items].map((e: { id: string }) => e.id)
    expect(new Set(auditIds).size).toBe(6)
    expect(auditSecond.json().items[0].createdAt <= auditFirst.json().items[2].createdAt).toBe(true)

    for (const bad of ['/members?cursor=nonsense', '/audit-log?cursor=nonsense', '/records/deals?cursor=nonsense']) {
      const res = await v1('GET', bad)
      expect(res.status, bad).toBe(400)
      expect(res.json().data.issues[0].path).toBe('cursor')
    }
  })

  it('teams, custom fields, dashboards and a dashboard\'s numbers', async () => {
    conforms(await v1('GET', '/teams'), '/teams', 'get')
    conforms(await v1('GET', '/custom-fields'), '/custom-fields', 'get')
    const me = await v1('GET', '/me')
    conforms(me, '/me', 'get')
    expect(me.json()).toMatchObject({ kind: 'api_key', workspace: { slug: 'weyland' } })

    const widget = (metric: string) => ({ id: `w-${metric.replace(/\W/g, '-')}`, title: metric, chart: 'bar', query: { metric, dimension: 'owner' }, layout: { x: 0, y: 0, w: 6, h: 4 } })
    const dashboard = (await hit(port, HOST, '/api/dashboards', { method: 'POST', body: { name: `API ${tag}`, widgets: [widget('deals.count'), widget('tickets.count')] }, headers: { cookie: admin } })).json()
    // The key's creator is the admin, who owns the dashboard.
    const listed = await v1('GET', '/dashboards')
    conforms(listed, '/dashboards', 'get')
    expect(listed.json().items.map((d: { id: string }) => d.id)).toContain(dashboard.id)
    conforms(await v1('GET', `/dashboards/${dashboard.id}`), '/dashboards/{id}', 'get')

    const data = await v1('GET', `/dashboards/${dashboard.id}/data?from=2026-01-01&to=2026-12-31`)
    expect(data.status, data.body).toBe(200)
    conforms(data, '/dashboards/{id}/data', 'get')
    const [deals, tickets] = data.json().widgets
    expect(deals).toMatchObject({ widgetId: 'w-deals-count', metric: 'deals.count', total: expect.any(Number) })
    // The key reads deals, not tickets: that widget answers an error, the other still its numbers.
    expect(tickets).toMatchObject({ widgetId: 'w-tickets-count', error: { code: 'FORBIDDEN' } })

    const backwards = await v1('GET', `/dashboards/${dashboard.id}/data?from=2026-12-31&to=2026-01-01`)
    expect(backwards.status).toBe(400)
    expect(backwards.json().data.code).toBe('VALIDATION_FAILED')
  })

  it('webhook endpoints through v1: added with a secret, changed, their deliveries listed, removed', async () => {
    const created = await v1('POST', '/webhooks', { url: 'http://127.0.0.1:9/v1-test', eventTypes: ['dashboard.shared'], description: `v1 ${tag}` })
    expect(created.status, created.body).toBe(201)
    conforms(created, '/webhooks', 'post')
    expect(created.json().secret).toMatch(/^whsec_/)
    const id = created.json().id
    conforms(await v1('GET', '/webhooks'), '/webhooks', 'get')
    conforms(await v1('GET', '/webhooks/event-types'), '/webhooks/event-types', 'get')
    const changed = await v1('PATCH', `/webhooks/${id}`, { enabled: false })
    conforms(changed, '/webhooks/{id}', 'patch')
    expect(changed.json().enabled).toBe(false)
    const deliveries = await v1('GET', `/webhooks/${id}/deliveries?limit=10`)
    conforms(deliveries, '/webhooks/{id}/deliveries', 'get')
    expect(deliveries.json()).toEqual({ items: [], nextCursor: null })
    expect((await v1('DELETE', `/webhooks/${id}`)).status).toBe(204)
    expect((await v1('GET', `/webhooks/${id}`)).status).toBe(404)
  })

  it('a retried POST with the same Idempotency-Key answers the first result and writes once', async () => {
    const idem = { ...bearer(key), 'idempotency-key': randomUUID() }
    const body = { name: `Retried ${tag}` }
    const [a, b] = await Promise.all([v1('POST', '/records/deals', body, idem), v1('POST', '/records/deals', body, idem)])
    expect([a.status, b.status]).toEqual([201, 201])
    expect(a.json().id).toBe(b.json().id)
    const other = await v1('POST', '/records/deals', { name: `Another ${tag}` }, idem)
    expect(other.status).toBe(422)
    expect(other.json().data.code).toBe('IDEMPOTENCY_KEY_REUSED')
    expect((await v1('GET', `/records/deals?q=${encodeURIComponent(`Retried ${tag}`)}`)).json().items).toHaveLength(1)
  })

  it('refuses what the key may not do, other workspaces\' data, and bad input, writing nothing', async () => {
    const noScope = await v1('GET', '/records/deals', undefined, bearer(narrowKey))
    expect(noScope.status).toBe(403)
    conforms(noScope, '/records/deals', 'get')
    expect((await v1('POST', '/records/accounts', { name: 'Nope' }, bearer(narrowKey))).status).toBe(403)
    expect((await v1('GET', '/me', undefined, {})).status).toBe(401)
    // The key works on its own workspace's address only.
    expect((await hit(port, 'globex.localhost', '/api/v1/me', { headers: bearer(key) })).status).toBe(401)
    // Another workspace's record is not there.
    const globexAdmin = await signIn(port, 'globex.localhost', 'admin@globex.test')
    const globexDeal = (await hit(port, 'globex.localhost', '/api/v1/records/deals', { method: 'POST', body: { name: `Globex own ${tag}` }, headers: { cookie: globexAdmin } })).json()
    expect((await v1('GET', `/records/deals/${globexDeal.id}`)).status).toBe(404)
    expect((await v1('PATCH', `/records/deals/${globexDeal.id}`, { version: globexDeal.version, name: 'Hijacked' })).status).toBe(404)
    expect((await hit(port, 'globex.localhost', `/api/v1/records/deals/${globexDeal.id}`, { headers: { cookie: globexAdmin } })).json().name).toBe(globexDeal.name)

    const before = (await v1('GET', '/records/deals?limit=1')).json().total
    for (const [body, field] of [[{}, 'name'], [{ name: 'x', amountMinor: -5 }, 'amountMinor'], [{ name: 'x', stage: 'won' }, '(root)'], [{ name: 'x', ownerId: 'me' }, 'ownerId']] as const) {
      const res = await v1('POST', '/records/deals', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      conforms(res, '/records/deals', 'post')
      expect(res.json().data.issues.map((i: { path: string }) => i.path)).toContain(field)
    }
    expect((await v1('GET', '/records/deals?limit=1')).json().total).toBe(before)
    expect((await v1('GET', '/records/unicorns')).status).toBe(404)
    expect((await v1('GET', '/records/deals?sort=secret')).json().data.issues[0].path).toBe('sort')
  })

  it('the API reference page is served in the workspace\'s brand with the viewer from our own origin', async () => {
    const page = await hit(port, HOST, '/developers')
    expect(page.status).toBe(200)
    expect(page.body).toContain('Weyland-Yutani')
    // The same policy as every page: scripts and style elements from our origin or with the nonce,
    // connections to our origin only (the viewer can load nothing from elsewhere).
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'; style-src 'self' 'nonce-[^']+';/)
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self'`)
    const viewer = await hit(port, HOST, '/_scalar/standalone.js')
    expect(viewer.status).toBe(200)
    expect(viewer.headers['content-type']).toContain('javascript')
  })
})
