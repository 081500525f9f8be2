import { randomUUID } from 'node:crypto'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Hit } from '../support/http'
import { hit, serversPerDriver, signIn } from '../support/http'
import { superAdminSession } from '../support/super-admin'

// Hostile input, sent to every route the server has (read from server/api, so a new route is
// covered the day it lands) and then aimed at the places that used to answer 500: text no column
// can hold (a NUL, a lone UTF-16 surrogate) in bodies, queries and parameters; numbers beyond a
// column's range; updates that change nothing; two creates racing for one unique name; a Host
// header with a space. Every answer must be below 500 and, when it is an error, in the one
// contract `{ statusCode, message, data: { code } }`. Runs in its own tenant (tessier) and with its
// own super admin (super10), so nothing it does can disturb another file.

const HOST = 'tessier.localhost'
const PLATFORM = 'localhost'
const API_DIR = join(import.meta.dirname, '../../server/api')

interface Route { method: string, path: string, params: string[] }

/** Every route file under server/api as method + path with `:param` placeholders. */
function routes(dir = API_DIR, prefix = '/api'): Route[] {
  const found: Route[] = []
  for (const name of readdirSync(dir)) {
    const full = join(dir, name)
    const segment = name.replace(/^\[(\w+)\]$/, ':$1')
    if (statSync(full).isDirectory()) {
      found.push(...routes(full, `${prefix}/${segment}`))
      continue
    }
    const m = /^(.+)\.(get|post|put|patch|delete)\.ts$/.exec(name)
    if (!m) continue
    const base = m[1]!.replace(/^\[(\w+)\]$/, ':$1')
    const path = base === 'index' ? prefix : `${prefix}/${base}`
    found.push({ method: m[2]!.toUpperCase(), path, params: [...path.matchAll(/:(\w+)/g)].map(p => p[1]!) })
  }
  return found
}

// Routes that change state without reading a body (sign-outs, jobs, a deletion request, an
// export): a hostile body would not stop them, and running them would end this file's own
// sessions or start work for nothing. Everything else is sent everything.
const LEFT_OUT = new Set([
  'POST /api/auth/logout',
  'POST /api/auth/logout-all',
  'POST /api/auth/impersonation/end',
  'GET /api/auth/impersonate',
  'GET /api/auth/sso/start',
  'GET /api/auth/sso/callback',
  'POST /api/settings/deletion-request',
  'DELETE /api/settings/deletion-request',
  'POST /api/settings/data-exports',
  'DELETE /api/settings/sso',
  'POST /api/platform/usage/rollup',
  'POST /api/platform/jobs/run',
  'POST /api/platform/domains/recheck',
  'POST /api/account/mfa/setup',
  'POST /api/platform/account/mfa/setup',
])

// A value for each route parameter that names nothing (so no route finds something to change).
const PARAM: Record<string, () => string> = {
  type: () => 'accounts',
  key: () => 'no_such_key',
  slug: () => 'no-such-tenant',
  kind: () => 'invitation',
  hostname: () => 'nothing.example.test',
}
const fill = (route: Route, bad?: string) => route.path.replace(/:(\w+)/g, (_, p: string) => bad ?? PARAM[p]?.() ?? randomUUID())

const NUL = 'a\u0000b'
const SURROGATE = 'a\uD800b'
// The keys request bodies use most, so the hostile text meets a schema's fields, not only its refusal of unknown keys.
const hostileBody = (text: string) => Object.fromEntries(['name', 'label', 'title', 'email', 'description', 'key', 'slug', 'q', 'reason', 'subject', 'body', 'password', 'code']
  .map(k => [k, text]))

function expectContract(res: Hit, what: string) {
  expect(res.status, `${what} → ${res.status} ${res.body.slice(0, 300)}`).toBeLessThan(500)
  if (res.status >= 400) {
    const body = res.json()
    expect(body, what).toMatchObject({ statusCode: res.status, message: expect.any(String), data: { code: expect.any(String) } })
    expect(res.body, what).not.toMatch(/at \w+ \(|node_modules|\.mjs:\d+/) // no stack trace
  }
}

describe.each(serversPerDriver())('bad input on $name', ({ port, database }) => {
  let admin: string
  let operator: string
  const call = (method: string, path: string, body?: unknown) => path.startsWith('/api/platform')
    ? hit(port, PLATFORM, path, { method, body, headers: { cookie: operator } })
    : hit(port, HOST, path, { method, body, headers: { cookie: admin } })

  beforeAll(async () => {
    admin = await signIn(port, HOST, 'admin@tessier.test')
    operator = await superAdminSession(port, database, 'super10@atrium.test')
  })

  const all = routes().filter(r => !LEFT_OUT.has(`${r.method} ${r.path}`))

  it('knows the routes it sends to', () => {
    expect(all.length).toBeGreaterThan(120)
    expect(all.map(r => `${r.method} ${r.path}`)).toContain('POST /api/records/:type')
  })

  it('never answers 5xx to a NUL or a lone surrogate in a body, a query or a parameter, on any route', async () => {
    for (const route of all) {
      const what = `${route.method} ${route.path}`
      const hasBody = route.method !== 'GET' && route.method !== 'DELETE'
      for (const text of [NUL, SURROGATE]) {
        if (hasBody) expectContract(await call(route.method, fill(route), hostileBody(text)), `${what} body`)
      }
      expectContract(await call(route.method, `${fill(route)}?q=a%00b&search=a%00b&name=a%00b`, hasBody ? {} : undefined), `${what} query`)
      if (route.params.length) expectContract(await call(route.method, fill(route, 'a%00b'), hasBody ? {} : undefined), `${what} param`)
    }
  })

  it('refuses a NUL and a lone surrogate with 400 naming the field, and stores nothing', async () => {
    for (const [body, field] of [
      [{ name: NUL }, 'name'],
      [{ name: 'Fine', industry: SURROGATE }, 'industry'],
      [{ name: 'Fine', custom: { notes: SURROGATE } }, 'custom.notes'],
    ] as const) {
      const res = await call('POST', '/api/records/accounts', body)
      expect(res.status, res.body).toBe(400)
      expect(res.json().data).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: field }] })
    }
    const search = await call('GET', '/api/records/accounts?q=Fine')
    expect(search.json().items).toHaveLength(0)
    const list = await call('GET', '/api/records/accounts?q=a%00b')
    expect(list.status).toBe(400)
    expect(list.json().data.issues[0].path).toBe('q')
  })

  it('refuses number filters that are not whole or beyond the column with 400, and keeps good ones', async () => {
    for (const query of ['employeesFrom=1.5', 'employeesFrom=2147483648', 'employeesTo=1e308', 'employeesFrom=-2147483649']) {
      const res = await call('GET', `/api/records/accounts?${query}`)
      expect(res.status, `${query}: ${res.body}`).toBe(400)
      expect(res.json().data.issues[0].path).toBe(query.split('=')[0])
    }
    for (const query of ['amountMinorFrom=1.5', 'amountMinorTo=1e308', 'amountMinorFrom=9007199254740993']) {
      const res = await call('GET', `/api/records/deals?${query}`)
      expect(res.status, `${query}: ${res.body}`).toBe(400)
    }
    expect((await call('GET', '/api/records/accounts?employeesFrom=10&employeesTo=2147483647')).status).toBe(200)
    expect((await call('GET', '/api/records/deals?amountMinorFrom=100')).status).toBe(200)
  })

  it('refuses a version beyond the integer range and an update that changes nothing, and leaves the row as it was', async () => {
    const created = await call('POST', '/api/records/accounts', { name: 'Tessier Orbital' })
    expect(created.status).toBe(201)
    const id = created.json().id as string
    for (const body of [{ version: 2_147_483_648, name: 'Renamed' }, { version: 1 }, {}]) {
      const res = await call('PATCH', `/api/records/accounts/${id}`, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.json().data.code).toBe('VALIDATION_FAILED')
    }
    expect((await call('GET', `/api/records/accounts/${id}`)).json()).toMatchObject({ name: 'Tessier Orbital', version: 1 })

    // Every other update route, given something real to update and nothing to change.
    const team = (await call('POST', '/api/teams', { name: `Straylight ${port}` })).json()
    const role = (await call('POST', '/api/roles', { name: `Turing ${port}`, permissions: [] })).json()
    const field = (await call('POST', '/api/custom-fields', { recordType: 'accounts', label: `Orbit ${port}`, type: 'text' })).json()
    const pipeline = (await call('POST', '/api/pipelines', { name: `Freeside ${port}`, stages: [{ name: 'Open', probability: 10, kind: 'open' }] })).json()
    const dashboard = (await call('POST', '/api/dashboards', { name: `Wintermute ${port}` })).json()
    for (const [path, body] of [
      [`/api/teams/${team.id}`, {}],
      [`/api/roles/${role.key}`, {}],
      [`/api/custom-fields/${field.id}`, {}],
      [`/api/pipelines/${pipeline.id}`, {}],
      [`/api/pipelines/${pipeline.id}/stages/${pipeline.stages[0].id}`, {}],
      [`/api/dashboards/${dashboard.id}`, { version: 1 }],
      [`/api/dashboards/${dashboard.id}`, { version: 2_147_483_648, name: 'x' }],
    ] as const) {
      const res = await call('PATCH', path, body)
      expect(res.status, `${path} ${JSON.stringify(body)}: ${res.body}`).toBe(400)
    }
  })

  it('keeps exactly one of two creates racing for one unique name: 409 for the loser, or one replaced view', async () => {
    const views = await Promise.all(Array.from({ length: 6 }, () =>
      call('POST', '/api/views', { recordType: 'accounts', name: `Race ${port}`, query: { sort: 'name' } })))
    // Saving a view under a taken name replaces it, so racing saves all succeed, as one view.
    for (const res of views) expect(res.status, res.body).toBeLessThan(300)
    const listed = (await call('GET', '/api/views?recordType=accounts')).json() as { name: string }[]
    expect(listed.filter(v => v.name === `Race ${port}`)).toHaveLength(1)

    const fields = await Promise.all(Array.from({ length: 6 }, () =>
      call('POST', '/api/custom-fields', { recordType: 'contacts', key: `race_${port}`, label: 'Race', type: 'text' })))
    expect(fields.map(r => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409])
    for (const res of fields) expectContract(res, 'POST /api/custom-fields')
  })

  it('answers a Host header with a space in the one error contract', async () => {
    for (const host of ['bad host', 'tessier .localhost', 'a b:3000']) {
      for (const path of ['/api/site', '/api/records/accounts', '/api/auth/login']) {
        const res = await hit(port, host, path, { method: path === '/api/auth/login' ? 'POST' : 'GET', body: path === '/api/auth/login' ? { email: 'a@b.test', password: 'x' } : undefined })
        expect(res.status, `${host} ${path}: ${res.body.slice(0, 200)}`).toBe(400)
        expect(res.json()).toMatchObject({ statusCode: 400, message: expect.any(String), data: { code: 'INVALID_HOST' } })
      }
      // A page gets the plain page that says so.
      const page = await hit(port, host, '/')
      expect(page.status).toBe(400)
      expect(page.headers['content-type']).toMatch(/text\/html/)
    }
  })
})
