import { getIntrospectionQuery } from 'graphql'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Hit } from '../support/http'
import { hit, serversPerDriver, signIn } from '../support/http'
import { newMember } from '../support/members'

// GraphQL at /api/graphql over real HTTP, on weyland (and globex for isolation): the same services,
// guards and record scope as the REST routes, for a session and for an API key; another tenant's
// ids are not found; the limits refuse before anything runs; bad input writes nothing; GraphiQL
// is a page for admins only.

const HOST = 'weyland.localhost'
const OTHER = 'globex.localhost'

interface GqlError { message: string, path?: string[], extensions: { code: string, issues?: { path: string, message: string }[], current?: Record<string, unknown> } }
interface GqlAnswer { data?: Record<string, any> | null, errors?: GqlError[] }

type Auth = { cookie: string } | { key: string } | null
const headersOf = (auth: Auth): Record<string, string> => !auth ? {} : 'cookie' in auth ? { cookie: auth.cookie } : { authorization: `Bearer ${auth.key}` }

describe.each(serversPerDriver())('GraphQL on $name', ({ port }) => {
  const tag = `gql-${port}-${Date.now().toString(36)}`
  const post = (auth: Auth, query: string, variables?: Record<string, unknown>, host = HOST): Promise<Hit> =>
    hit(port, host, '/api/graphql', { method: 'POST', body: { query, variables }, headers: headersOf(auth) })
  const gql = async (auth: Auth, query: string, variables?: Record<string, unknown>, host = HOST): Promise<GqlAnswer & { res: Hit }> => {
    const res = await post(auth, query, variables, host)
    expect(res.headers['content-type'], res.body).toMatch(/json/)
    return { ...res.json<GqlAnswer>(), res }
  }
  const codes = (a: GqlAnswer) => (a.errors ?? []).map(e => e.extensions.code)
  const rest = (cookie: string, method: string, path: string, body?: unknown, host = HOST) => hit(port, host, path, { method, body, headers: { cookie } })
  /** How many live accounts named `name` the weyland admin sees (REST, so GraphQL checks itself against it). */
  const accountsNamed = async (name: string, host = HOST, cookie = admin) => (await rest(cookie, 'GET', `/api/records/accounts?q=${encodeURIComponent(name)}`, undefined, host)).json().total as number

  let admin: string
  let support: string
  let viewer: string
  let globexAdmin: string

  beforeAll(async () => {
    [admin, support, viewer] = await Promise.all(['admin', 'support', 'viewer'].map(r => signIn(port, HOST, `${r}@weyland.test`))) as [string, string, string]
    globexAdmin = await signIn(port, OTHER, 'admin@globex.test')
  })

  const CREATE = `mutation ($input: AccountInput!) { createAccount(input: $input) { id title version name industry employees owner { name } createdAt custom } }`

  it('anonymous callers get the 401 of the error contract, introspection included', async () => {
    for (const res of [
      await post(null, '{ __schema { queryType { name } } }'),
      await hit(port, HOST, `/api/graphql?query=${encodeURIComponent('{ __typename }')}`),
    ]) {
      expect(res.status).toBe(401)
      expect(res.json()).toMatchObject({ statusCode: 401, data: { code: 'UNAUTHENTICATED' } })
    }
    // A browser gets the app's error page for the same 401, never GraphiQL.
    const browser = await hit(port, HOST, '/api/graphql', { headers: { accept: 'text/html' } })
    expect(browser.status).toBe(401)
    expect(browser.body).not.toContain('renderYogaGraphiQL')
    expect((await post({ key: 'atr_nothing' }, '{ __typename }')).json().data.code).toBe('API_KEY_INVALID')
  })

  it('introspection is answered to a signed-in caller (the whole standard query fits the limits)', async () => {
    const answer = await gql({ cookie: viewer }, getIntrospectionQuery())
    expect(answer.errors).toBeUndefined()
    const types = (answer.data!.__schema.types as { name: string }[]).map(t => t.name)
    expect(types).toEqual(expect.arrayContaining(['Account', 'Contact', 'Lead', 'Deal', 'Task', 'Ticket', 'Member', 'Team', 'Dashboard']))
  })

  it('a session creates, reads, lists, updates (with its version) and deletes a record; each write is audited once', async () => {
    const name = `Initech ${tag}`
    const created = await gql({ cookie: admin }, CREATE, { input: { name, industry: 'Software', employees: 40, custom: {} } })
    expect(created.errors).toBeUndefined()
    const row = created.data!.createAccount
    expect(row).toMatchObject({ name, title: name, industry: 'Software', employees: 40, version: 1, owner: { name: 'Ada Admin' } })
    expect(new Date(row.createdAt).toISOString()).toBe(row.createdAt)
    const audit = await rest(admin, 'GET', `/api/audit?requestId=${created.res.headers['x-request-id']}`)
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(['accounts.created'])

    const read = await gql({ cookie: admin }, 'query ($id: ID!) { account(id: $id) { id name version } }', { id: row.id })
    expect(read.data!.account).toEqual({ id: row.id, name, version: 1 })
    const listed = await gql({ cookie: admin }, 'query ($q: String) { accounts(q: $q, first: 5) { total totalCapped nextCursor items { id name } } }', { q: name })
    expect(listed.data!.accounts).toEqual({ total: 1, totalCapped: false, nextCursor: null, items: [{ id: row.id, name }] })
    // The REST list sees the same record.
    expect(await accountsNamed(name)).toBe(1)

    const UPDATE = 'mutation ($id: ID!, $v: Int!, $input: AccountInput!) { updateAccount(id: $id, version: $v, input: $input) { name version city } }'
    const updated = await gql({ cookie: admin }, UPDATE, { id: row.id, v: 1, input: { city: 'Austin' } })
    expect(updated.data!.updateAccount).toEqual({ name, version: 2, city: 'Austin' })
    const stale = await gql({ cookie: admin }, UPDATE, { id: row.id, v: 1, input: { city: 'Dallas' } })
    expect(stale.data!.updateAccount).toBeNull()
    expect(stale.errors![0]!.extensions).toMatchObject({ code: 'STALE', current: { version: 2, city: 'Austin' } })

    const deleted = await gql({ cookie: admin }, 'mutation ($id: ID!) { deleteAccount(id: $id) { id deleted } }', { id: row.id })
    expect(deleted.data!.deleteAccount).toEqual({ id: row.id, deleted: true })
    const gone = await gql({ cookie: admin }, 'query ($id: ID!) { account(id: $id) { id } }', { id: row.id })
    expect(gone.data!.account).toBeNull()
    expect(codes(gone)).toEqual(['NOT_FOUND'])
    const inTrash = await gql({ cookie: admin }, 'query ($q: String) { accounts(q: $q, deleted: true) { items { id deletedAt } } }', { q: name })
    expect(inTrash.data!.accounts.items).toEqual([{ id: row.id, deletedAt: expect.any(String) }])
  })

  it('an API key works within its scopes: the same CRUD, and FORBIDDEN outside them', async () => {
    const made = await rest(admin, 'POST', '/api/api-keys', { name: `GraphQL ${tag}`, scopes: ['accounts:read', 'accounts:write', 'accounts:delete'] })
    expect(made.status, made.body).toBe(201)
    const key = { key: made.json().key as string }
    const name = `Keyed ${tag}`
    const created = await gql(key, CREATE, { input: { name } })
    expect(created.errors).toBeUndefined()
    const id = created.data!.createAccount.id
    // The key's per-minute limit applies here as on every API route (weyland's plan, Pro: 600).
    expect(created.res.headers['ratelimit-limit']).toBe('600')
    // The same request was the key's first use, which is recorded beside the write.
    const audit = (await rest(admin, 'GET', `/api/audit?requestId=${created.res.headers['x-request-id']}`)).json().items as { action: string, actorType: string }[]
    expect(audit.filter(e => e.action === 'accounts.created')).toMatchObject([{ actorType: 'api_key' }])

    expect((await gql(key, 'query ($q: String) { accounts(q: $q) { items { id } } }', { q: name })).data!.accounts.items).toEqual([{ id }])
    const updated = await gql(key, 'mutation ($id: ID!) { updateAccount(id: $id, version: 1, input: { country: "US" }) { version country } }', { id })
    expect(updated.data!.updateAccount).toEqual({ version: 2, country: 'US' })
    expect((await gql(key, 'mutation ($id: ID!) { deleteAccount(id: $id) { deleted } }', { id })).data!.deleteAccount).toEqual({ deleted: true })
    expect(await accountsNamed(name)).toBe(0)

    // Outside its scopes: the field is refused, the rest of the answer stands.
    const mixed = await gql(key, '{ accounts(first: 1) { total } deals(first: 1) { total } members { total } }')
    expect(mixed.data!.accounts).toEqual({ total: expect.any(Number) })
    expect(mixed.data!.deals).toBeNull()
    expect(mixed.data!.members).toBeNull()
    expect(mixed.errors!.map(e => [e.path?.[0], e.extensions.code]).sort()).toEqual([['deals', 'FORBIDDEN'], ['members', 'FORBIDDEN']])
    expect(mixed.errors!.find(e => e.path?.[0] === 'deals')!.message).toBe('This API key lacks the scope deals:read')
    // A key of weyland means nothing on globex's host.
    expect((await post(key, '{ accounts { total } }', undefined, OTHER)).json().data.code).toBe('API_KEY_INVALID')
  })

  it('a role without a permission gets FORBIDDEN for that field and writes nothing', async () => {
    const answer = await gql({ cookie: support }, '{ accounts(first: 1) { total } deals(first: 1) { total } leads { total } tickets(first: 1) { total } }')
    expect(answer.data!.accounts).toEqual({ total: expect.any(Number) })
    expect(answer.data!.tickets).toEqual({ total: expect.any(Number) })
    expect(answer.data!.deals).toBeNull()
    expect(answer.data!.leads).toBeNull()
    expect(codes(answer)).toEqual(['FORBIDDEN', 'FORBIDDEN'])

    const name = `Viewer tried ${tag}`
    const refused = await gql({ cookie: viewer }, CREATE, { input: { name } })
    expect(refused.data!.createAccount).toBeNull()
    expect(codes(refused)).toEqual(['FORBIDDEN'])
    expect((await gql({ cookie: viewer }, '{ members { total } }')).errors![0]!.extensions.code).toBe('FORBIDDEN')
    expect(await accountsNamed(name)).toBe(0)
  })

  it('another tenant\'s record is not found on this host, for reads and writes; a record made on one host is absent on the other', async () => {
    const name = `Globex only ${tag}`
    const theirs = (await gql({ cookie: globexAdmin }, CREATE, { input: { name } }, OTHER)).data!.createAccount
    expect(theirs.version).toBe(1)

    const read = await gql({ cookie: admin }, 'query ($id: ID!) { account(id: $id) { id name } }', { id: theirs.id })
    expect(read.data!.account).toBeNull()
    expect(codes(read)).toEqual(['NOT_FOUND'])
    expect(read.res.body).not.toContain(name)
    const listed = await gql({ cookie: admin }, 'query ($q: String) { accounts(q: $q) { total } }', { q: name })
    expect(listed.data!.accounts.total).toBe(0)
    const update = await gql({ cookie: admin }, 'mutation ($id: ID!) { updateAccount(id: $id, version: 1, input: { name: "Taken over" }) { id } }', { id: theirs.id })
    expect(codes(update)).toEqual(['NOT_FOUND'])
    const del = await gql({ cookie: admin }, 'mutation ($id: ID!) { deleteAccount(id: $id) { id } }', { id: theirs.id })
    expect(codes(del)).toEqual(['NOT_FOUND'])
    // A reference to it is refused as input, like the REST body.
    const ref = await gql({ cookie: admin }, 'mutation ($a: ID) { createContact(input: { firstName: "Cross", lastName: "Tenant", accountId: $a }) { id } }', { a: theirs.id })
    expect(ref.errors![0]!.extensions).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'accountId' }] })

    const still = await gql({ cookie: globexAdmin }, 'query ($id: ID!) { account(id: $id) { name version deletedAt } }', { id: theirs.id }, OTHER)
    expect(still.data!.account).toEqual({ name, version: 1, deletedAt: null })
    // And the other way: weyland's new record is not on globex.
    const ours = (await gql({ cookie: admin }, CREATE, { input: { name: `Acme only ${tag}` } })).data!.createAccount
    expect(codes(await gql({ cookie: globexAdmin }, 'query ($id: ID!) { account(id: $id) { id } }', { id: ours.id }, OTHER))).toEqual(['NOT_FOUND'])
    expect(await accountsNamed(`Acme only ${tag}`, OTHER, globexAdmin)).toBe(0)
    // A module off in that workspace (globex's plan has no tickets) is FEATURE_DISABLED, as on REST.
    expect(codes(await gql({ cookie: globexAdmin }, '{ tickets { total } }', undefined, OTHER))).toEqual(['FEATURE_DISABLED'])
    expect(codes(await gql({ cookie: globexAdmin }, '{ dashboards { id } }', undefined, OTHER))).toEqual(['FEATURE_DISABLED'])
  })

  it('a role limited to its own records sees only those, in lists, by id, through relations and for writes', async () => {
    const role = `gql-own-${port}`
    const made = await rest(admin, 'POST', '/api/roles', { key: role, name: `GraphQL own ${port}`, permissions: ['accounts:read', 'accounts:write', 'contacts:read'], recordScope: 'own' })
    expect(made.status, made.body).toBe(201)
    const own = { cookie: await newMember(port, HOST, admin, `${role}@weyland.test`, role) }
    const mine = (await gql(own, CREATE, { input: { name: `Scope ${tag} mine` } })).data!.createAccount
    const notMine = (await gql({ cookie: admin }, CREATE, { input: { name: `Scope ${tag} admin's` } })).data!.createAccount
    // A contact of their account, owned by the admin: hidden from them too.
    const contact = await gql({ cookie: admin }, 'mutation ($a: ID) { createContact(input: { firstName: "Hidden", lastName: "Person", accountId: $a }) { id account { id } } }', { a: mine.id })
    expect(contact.data!.createContact.account).toEqual({ id: mine.id })

    const listed = await gql(own, 'query ($q: String) { accounts(q: $q) { total items { name contacts { total } } } }', { q: `Scope ${tag}` })
    expect(listed.data!.accounts).toEqual({ total: 1, items: [{ name: `Scope ${tag} mine`, contacts: { total: 0 } }] })
    const byAdmin = await gql({ cookie: admin }, 'query ($q: String) { accounts(q: $q, sort: "name") { total items { contacts { total } } } }', { q: `Scope ${tag}` })
    expect(byAdmin.data!.accounts.total).toBe(2)
    expect(byAdmin.data!.accounts.items.map((a: { contacts: { total: number } }) => a.contacts.total).sort()).toEqual([0, 1])

    const read = await gql(own, 'query ($id: ID!) { account(id: $id) { id } }', { id: notMine.id })
    expect(codes(read)).toEqual(['NOT_FOUND'])
    const write = await gql(own, 'mutation ($id: ID!) { updateAccount(id: $id, version: 1, input: { city: "Nope" }) { id } }', { id: notMine.id })
    expect(codes(write)).toEqual(['NOT_FOUND'])
    const viaRelation = await gql(own, 'query ($id: ID!) { contact(id: $id) { id } }', { id: contact.data!.createContact.id })
    expect(codes(viaRelation)).toEqual(['NOT_FOUND'])
    expect((await gql({ cookie: admin }, 'query ($id: ID!) { account(id: $id) { city version } }', { id: notMine.id })).data!.account).toEqual({ city: null, version: 1 })
  })

  it('bad input is VALIDATION_FAILED naming each field, and nothing is written', async () => {
    const name = `Invalid ${tag}`
    const bad = await gql({ cookie: admin }, CREATE, { input: { name: '', employees: -3, domain: 'not a website' } })
    expect(bad.data!.createAccount).toBeNull()
    expect(bad.errors).toHaveLength(1)
    expect(bad.errors![0]!.extensions.code).toBe('VALIDATION_FAILED')
    expect(bad.errors![0]!.extensions.issues!.map(i => i.path).sort()).toEqual(['domain', 'employees', 'name'])

    const unknownCustom = await gql({ cookie: admin }, CREATE, { input: { name, custom: { no_such_field: 'x' } } })
    expect(codes(unknownCustom)).toEqual(['VALIDATION_FAILED'])
    const nul = await gql({ cookie: admin }, CREATE, { input: { name: `${name}\u0000` } })
    expect(codes(nul)).toEqual(['VALIDATION_FAILED'])
    const lead = await gql({ cookie: admin }, 'mutation { createLead(input: { firstName: "A", lastName: "B", status: "converted" }) { id } }')
    expect(lead.errors![0]!.extensions).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'status' }] })
    const notAnId = await gql({ cookie: admin }, '{ account(id: "1 or 1=1") { id } }')
    expect(notAnId.errors![0]!.extensions).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'id' }] })
    const emptyPatch = await gql({ cookie: admin }, 'mutation { updateAccount(id: "0190a5c2-7b1e-7000-8000-000000000000", version: 1, input: {}) { id } }')
    expect(codes(emptyPatch)).toEqual(['VALIDATION_FAILED'])
    const badFilter = await gql({ cookie: admin }, '{ accounts(filter: { colour: "red", employeesFrom: "many" }) { total } }')
    expect(badFilter.errors![0]!.extensions.issues!.map(i => i.path).sort()).toEqual(['colour', 'employeesFrom'])
    const tooMany = await gql({ cookie: admin }, '{ accounts(first: 500) { total } }')
    expect(tooMany.errors![0]!.extensions).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'first' }] })
    // A type GraphQL itself checks (a number as text) never reaches a resolver.
    const typed = await gql({ cookie: admin }, CREATE, { input: { name, employees: 'forty' } })
    expect(typed.data ?? null).toBeNull()
    expect(typed.errors).toHaveLength(1)
    expect(await accountsNamed(name)).toBe(0)
  })

  it('pages follow the cursor; sort and filters are the list\'s own', async () => {
    for (const n of [1, 2, 3]) await gql({ cookie: admin }, CREATE, { input: { name: `Paged ${tag} ${n}`, employees: n * 10 } })
    const PAGE = 'query ($after: String) { accounts(q: $q, first: 2, after: $after, sort: "name", dir: desc) { total nextCursor items { name } } }'.replace('q: $q', `q: "Paged ${tag}"`)
    const first = (await gql({ cookie: admin }, PAGE)).data!.accounts
    expect(first.total).toBe(3)
    expect(first.items.map((i: { name: string }) => i.name)).toEqual([`Paged ${tag} 3`, `Paged ${tag} 2`])
    const second = (await gql({ cookie: admin }, PAGE, { after: first.nextCursor })).data!.accounts
    expect(second).toEqual({ total: 3, nextCursor: null, items: [{ name: `Paged ${tag} 1` }] })
    const filtered = await gql({ cookie: admin }, `{ accounts(q: "Paged ${tag}", filter: { employeesFrom: 15, ownerId: "me" }, sort: "employees") { items { employees } } }`)
    expect(filtered.data!.accounts.items).toEqual([{ employees: 20 }, { employees: 30 }])
  })

  it('a query nested too deep is refused before anything runs (QUERY_TOO_DEEP)', async () => {
    const name = `Too deep ${tag}`
    const deep = `mutation { createAccount(input: { name: "${name}" }) { contacts { items { account { contacts { items { account { contacts { items { id } } } } } } } } } }`
    const answer = await gql({ cookie: admin }, deep)
    expect(answer.data ?? null).toBeNull()
    expect(codes(answer)).toEqual(['QUERY_TOO_DEEP'])
    expect(await accountsNamed(name)).toBe(0)
    // Eight levels are fine.
    const fine = await gql({ cookie: admin }, '{ accounts(first: 2) { items { contacts(first: 2) { items { account { contacts(first: 2) { items { id } } } } } } } }')
    expect(fine.errors).toBeUndefined()
  })

  it('a query over the cost limit is refused (QUERY_TOO_COMPLEX), also when the page size comes in a variable; so are too many aliases and tokens', async () => {
    const costly = await gql({ cookie: admin }, '{ accounts(first: 200) { items { id contacts(first: 200) { items { id name: lastName } } } } }')
    expect(costly.data ?? null).toBeNull()
    expect(codes(costly)).toEqual(['QUERY_TOO_COMPLEX'])
    const viaVariable = await gql({ cookie: admin }, 'query ($n: Int) { accounts(first: $n) { items { deals(first: $n) { items { id } } } } }', { n: 150 })
    expect(codes(viaVariable)).toEqual(['QUERY_TOO_COMPLEX'])
    const small = await gql({ cookie: admin }, 'query ($n: Int) { accounts(first: $n) { items { deals(first: $n) { items { id } } } } }', { n: 5 })
    expect(small.errors).toBeUndefined()

    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: viewer { kind }`).join(' ')
    expect(codes(await gql({ cookie: admin }, `{ ${aliases} }`))).toEqual(['QUERY_TOO_COMPLEX'])
    const name = `Aliased ${tag}`
    const manyWrites = Array.from({ length: 31 }, (_, i) => `w${i}: createAccount(input: { name: "${name}" }) { id }`).join(' ')
    expect(codes(await gql({ cookie: admin }, `mutation { ${manyWrites} }`))).toEqual(['QUERY_TOO_COMPLEX'])
    expect(await accountsNamed(name)).toBe(0)
    const huge = await post({ cookie: admin }, `{ ${Array.from({ length: 6000 }, () => '__typename').join(' ')} }`)
    expect(huge.json<GqlAnswer>().errors![0]!.extensions.code).toBe('QUERY_TOO_LARGE')
  })

  it('members, teams and a dashboard\'s widget data, under their own permissions', async () => {
    const answer = await gql({ cookie: admin }, '{ viewer { kind recordScope } members(first: 100, search: "weyland.test") { total items { email role { key } } } teams { id name memberCount members { email } } }')
    expect(answer.errors).toBeUndefined()
    expect(answer.data!.viewer).toEqual({ kind: 'user', recordScope: 'all' })
    expect(answer.data!.members.items.map((m: { email: string }) => m.email)).toContain('support@weyland.test')
    for (const team of answer.data!.teams) expect(team.members).toHaveLength(team.memberCount)

    const widget = { id: `w-${port}-gql`, title: 'Deals by stage', chart: 'bar', query: { metric: 'deals.count', dimension: 'stage' }, layout: { x: 0, y: 0, w: 6, h: 4 } }
    const dash = await rest(admin, 'POST', '/api/dashboards', { name: `GraphQL ${tag}`, widgets: [widget] })
    expect(dash.status, dash.body).toBe(201)
    const range = { from: '2024-01-01', to: '2028-12-31' }
    const DATA = 'query ($id: ID!, $range: DateRangeInput!) { dashboard(id: $id) { name widgets { id data(range: $range) { metric total categories { label } } } } }'
    const read = await gql({ cookie: admin }, DATA, { id: dash.json().id, range })
    expect(read.errors).toBeUndefined()
    const data = read.data!.dashboard.widgets[0].data
    const direct = await rest(admin, 'POST', '/api/analytics/query', { ...widget.query, range })
    expect(data).toMatchObject({ metric: 'deals.count', total: direct.json().total })
    expect(data.categories).toHaveLength(direct.json().categories.length)
    // Not shared with the support role: not found, as on REST.
    expect(codes(await gql({ cookie: support }, DATA, { id: dash.json().id, range }))).toEqual(['NOT_FOUND'])
    expect((await gql({ cookie: admin }, '{ dashboards { name } }')).data!.dashboards).toContainEqual({ name: `GraphQL ${tag}` })
  })

  it('GraphiQL is a page only for admins, self-contained under its own CSP; everyone else gets JSON', async () => {
    const page = (headers: Record<string, string>) => hit(port, HOST, '/api/graphql', { headers: { accept: 'text/html', ...headers } })
    const forAdmin = await page({ cookie: admin })
    expect(forAdmin.status).toBe(200)
    expect(forAdmin.headers['content-type']).toMatch(/text\/html/)
    expect(forAdmin.body).toContain('renderYogaGraphiQL')
    expect(forAdmin.body).not.toMatch(/unpkg|jsdelivr|cdn\./i)
    const csp = String(forAdmin.headers['content-security-policy'])
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    expect(csp).toContain(`script-src 'nonce-${nonce}'`)
    expect(csp).toContain(`connect-src 'self'`)
    expect(forAdmin.body).toContain(`<script nonce="${nonce}">`)

    const made = await rest(admin, 'POST', '/api/api-keys', { name: `GraphiQL ${tag}`, scopes: ['settings:admin', 'accounts:read'] })
    const others: Record<string, string>[] = [{ cookie: support }, { cookie: viewer }, { authorization: `Bearer ${made.json().key}` }]
    for (const headers of others) {
      const res = await page(headers)
      expect(res.status).toBe(403)
      expect(res.headers['content-type']).toMatch(/^application\/json/)
      expect(res.json().data.code).toBe('FORBIDDEN')
    }
    // Asking with a query is not asking for the page: the same callers get data.
    const asked = await hit(port, HOST, `/api/graphql?query=${encodeURIComponent('{ viewer { kind } }')}`, { headers: { accept: 'text/html, application/json', cookie: support } })
    expect(asked.json()).toEqual({ data: { viewer: { kind: 'user' } } })
  })

  it('other methods are refused; GET runs queries but never mutations', async () => {
    expect((await hit(port, HOST, '/api/graphql', { method: 'PUT', headers: { cookie: admin }, body: { query: '{ __typename }' } })).status).toBe(405)
    const get = await hit(port, HOST, `/api/graphql?query=${encodeURIComponent('{ viewer { kind } }')}`, { headers: { cookie: admin } })
    expect(get.json()).toEqual({ data: { viewer: { kind: 'user' } } })
    const name = `By GET ${tag}`
    const mutation = await hit(port, HOST, `/api/graphql?query=${encodeURIComponent(`mutation { createAccount(input: { name: "${name}" }) { id } }`)}`, { headers: { cookie: admin } })
    expect(mutation.status).toBe(405)
    expect(await accountsNamed(name)).toBe(0)
  })
})
