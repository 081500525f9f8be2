import { beforeAll, describe, expect, it } from 'vitest'
import { hit, serversPerDriver, signIn } from '../support/http'
import { newMember } from '../support/members'

// The records engine over HTTP, in `dunder`: CRUD of every type, the permission matrix, own and
// team visibility, other tenants' ids, exact filters/sorts/pages on a fixed fixture, stale edits,
// custom fields, saved views and bad input. Each driver's server has its own database.

const HOST = 'dunder.localhost'
type Body = Record<string, unknown>

const CREATE: Record<string, Body> = {
  accounts: { name: 'Vance Refrigeration', industry: 'Manufacturing', employees: 40 },
  contacts: { firstName: 'Bob', lastName: 'Vance', email: 'bob@vance.test' },
  leads: { firstName: 'Holly', lastName: 'Flax', company: 'Nashua', source: 'referral' },
  deals: { name: 'Paper for the county', amountMinor: 1_250_000, expectedCloseDate: '2026-12-31' },
  tasks: { title: 'Call Bob back', priority: 'high', dueAt: '2026-12-01T09:00:00.000Z' },
  tickets: { subject: 'Printer jams', priority: 'urgent', channel: 'phone' },
}
const CHANGE: Record<string, Body> = {
  accounts: { name: 'Vance Refrigeration Ltd' },
  contacts: { jobTitle: 'Owner' },
  leads: { status: 'contacted' },
  deals: { amountMinor: 1_500_000 },
  tasks: { status: 'done' },
  tickets: { status: 'resolved' },
}

describe.each(serversPerDriver())('records on $name', ({ port }) => {
  const api = (cookie: string, method: string, path: string, body?: unknown, host = HOST) => hit(port, host, path, { method, body, headers: { cookie } })
  let admin: string
  let viewer: string
  let support: string
  let member: string
  const tag = `p${port}`

  beforeAll(async () => {
    [admin, viewer, support, member] = await Promise.all(['admin', 'viewer', 'support', 'member'].map(r => signIn(port, HOST, `${r}@dunder.test`)))
  })

  it.each(Object.keys(CREATE))('%s: create, read, list, update with its version, delete and restore', async (type) => {
    const created = await api(admin, 'POST', `/api/records/${type}`, CREATE[type])
    expect(created.status, created.body).toBe(201)
    const row = created.json()
    expect(row.version).toBe(1)
    expect(row.owner.name).toBe('Ada Admin') // the creator owns it unless told otherwise
    expect(row.title.length).toBeGreaterThan(0)

    const read = await api(admin, 'GET', `/api/records/${type}/${row.id}`)
    expect(read.status).toBe(200)
    expect(read.json()).toMatchObject(CREATE[type]!)

    const changed = await api(admin, 'PATCH', `/api/records/${type}/${row.id}`, { version: 1, ...CHANGE[type] })
    expect(changed.status, changed.body).toBe(200)
    expect(changed.json()).toMatchObject({ ...CHANGE[type], version: 2 })
    if (type === 'tasks') expect(changed.json().completedAt).toBeTruthy()
    if (type === 'tickets') expect(changed.json().resolvedAt).toBeTruthy()

    const timeline = (await api(admin, 'GET', `/api/records/${type}/${row.id}/activities`)).json().items as { kind: string, meta: Body }[]
    expect(timeline.at(-1)!.kind).toBe('created')
    if ('status' in CHANGE[type]!) expect(timeline[0]).toMatchObject({ kind: 'status_change', meta: { to: CHANGE[type]!.status } })

    expect((await api(admin, 'DELETE', `/api/records/${type}/${row.id}`)).status).toBe(200)
    expect((await api(admin, 'GET', `/api/records/${type}/${row.id}`)).status).toBe(404)
    const deleted = (await api(admin, 'GET', `/api/records/${type}?deleted=true&limit=200`)).json().items.map((r: Body) => r.id)
    expect(deleted).toContain(row.id)
    expect((await api(admin, 'POST', `/api/records/${type}/${row.id}/restore`)).status).toBe(200)
    expect((await api(admin, 'GET', `/api/records/${type}/${row.id}`)).json().version).toBe(4)
  })

  it('the permission matrix: viewers read only; support works tickets, reads accounts, never sees deals or leads', async () => {
    for (const type of Object.keys(CREATE)) {
      expect((await api(viewer, 'GET', `/api/records/${type}`)).status).toBe(200)
      expect((await api(viewer, 'POST', `/api/records/${type}`, CREATE[type])).status).toBe(403)
    }
    const account = (await api(admin, 'POST', '/api/records/accounts', { name: `Matrix ${tag}` })).json()
    expect((await api(viewer, 'PATCH', `/api/records/accounts/${account.id}`, { version: 1, name: 'x' })).status).toBe(403)
    expect((await api(viewer, 'DELETE', `/api/records/accounts/${account.id}`)).status).toBe(403)

    expect((await api(support, 'POST', '/api/records/tickets', { subject: `Support ${tag}` })).status).toBe(201)
    expect((await api(support, 'GET', '/api/records/accounts')).status).toBe(200)
    expect((await api(support, 'POST', '/api/records/accounts', { name: 'No' })).status).toBe(403)
    for (const type of ['deals', 'leads']) {
      const res = await api(support, 'GET', `/api/records/${type}`)
      expect(res.status).toBe(403)
      expect(res.json().data.code).toBe('FORBIDDEN')
    }
    expect((await api(member, 'DELETE', `/api/records/accounts/${account.id}`)).status).toBe(200)
  })

  it('a role limited to its own records, or its team\'s, sees exactly those — in lists, by id and in bulk', async () => {
    const roles = { own: `own-${tag}`, team: `team-${tag}` }
    const perms = ['accounts:read', 'accounts:write', 'accounts:delete', 'contacts:read', 'contacts:write']
    for (const [scope, key] of Object.entries(roles)) {
      const res = await api(admin, 'POST', '/api/roles', { key, name: `Reps ${scope} ${tag}`, permissions: perms, recordScope: scope })
      expect(res.status, res.body).toBe(201)
      expect(res.json().recordScope).toBe(scope)
    }
    const [ann, ben, cat] = await Promise.all([
      newMember(port, HOST, admin, `ann-${tag}@dunder.test`, roles.own),
      newMember(port, HOST, admin, `ben-${tag}@dunder.test`, roles.own),
      newMember(port, HOST, admin, `cat-${tag}@dunder.test`, roles.team),
    ])
    const idOf = async (email: string) => (await api(admin, 'GET', `/api/members?search=${email}`)).json().items[0].id as string
    const ids = { ann: await idOf(`ann-${tag}@dunder.test`), ben: await idOf(`ben-${tag}@dunder.test`), cat: await idOf(`cat-${tag}@dunder.test`) }
    const team = (await api(admin, 'POST', '/api/teams', { name: `Scranton ${tag}` })).json()
    expect((await api(admin, 'PUT', `/api/teams/${team.id}/members`, { userIds: [ids.ann, ids.cat] })).status).toBe(200)

    const made: Record<string, string> = {}
    for (const who of ['ann', 'ben', 'cat'] as const) {
      made[who] = (await api(admin, 'POST', '/api/records/accounts', { name: `Vis ${tag} ${who}`, ownerId: ids[who] })).json().id
    }
    made.nobody = (await api(admin, 'POST', '/api/records/accounts', { name: `Vis ${tag} nobody`, ownerId: null })).json().id
    const names = async (cookie: string) => (await api(cookie, 'GET', `/api/records/accounts?q=${encodeURIComponent(`Vis ${tag}`)}&sort=name`)).json().items.map((r: Body) => r.name)

    expect(await names(ann)).toEqual([`Vis ${tag} ann`])
    expect(await names(ben)).toEqual([`Vis ${tag} ben`])
    expect(await names(cat)).toEqual([`Vis ${tag} ann`, `Vis ${tag} cat`])
    expect(await names(admin)).toHaveLength(4)

    // Another's record is not there at all for an "own" role: read, edit, delete and bulk all 404.
    expect((await api(ann, 'GET', `/api/records/accounts/${made.ben}`)).status).toBe(404)
    expect((await api(ann, 'PATCH', `/api/records/accounts/${made.ben}`, { version: 1, name: 'taken' })).status).toBe(404)
    expect((await api(ann, 'DELETE', `/api/records/accounts/${made.ben}`)).status).toBe(404)
    const bulk = await api(ann, 'POST', '/api/records/accounts/bulk', { action: 'delete', ids: [made.ann, made.ben] })
    expect(bulk.status).toBe(404)
    expect(await names(ann)).toEqual([`Vis ${tag} ann`]) // all or nothing: her own was not deleted either
    // She cannot point a contact at an account she cannot see.
    const hidden = await api(ann, 'POST', '/api/records/contacts', { firstName: 'Ann', lastName: 'Ref', accountId: made.ben })
    expect(hidden.status).toBe(400)
    expect(hidden.json().data.issues[0].path).toBe('accountId')
    // A record of hers that points at one she cannot see does not reveal its title.
    const linked = (await api(admin, 'POST', '/api/records/contacts', { firstName: 'Ann', lastName: `Linked ${tag}`, accountId: made.nobody, ownerId: ids.ann })).json()
    expect((await api(ann, 'GET', `/api/records/contacts/${linked.id}`)).json().refs.accountId).toEqual({ id: made.nobody, title: '(not visible)' })
    // Her team-mate sees and edits it.
    expect((await api(cat, 'PATCH', `/api/records/accounts/${made.ann}`, { version: 1, name: `Vis ${tag} ann 2` })).status).toBe(200)

    // A narrower scope applies on the holder's next request.
    expect((await api(admin, 'PATCH', `/api/roles/${roles.team}`, { recordScope: 'own' })).status).toBe(200)
    expect(await names(cat)).toEqual([`Vis ${tag} cat`])
  })

  it('another tenant\'s record is a 404 by id and a 400 as a reference', async () => {
    const account = (await api(admin, 'POST', '/api/records/accounts', { name: `Private ${tag}` })).json()
    const acme = await signIn(port, 'acme.localhost', 'admin@acme.test')
    for (const [method, body] of [['GET'], ['PATCH', { version: 1, name: 'stolen' }], ['DELETE']] as const) {
      const res = await api(acme, method, `/api/records/accounts/${account.id}`, body, 'acme.localhost')
      expect(res.status).toBe(404)
    }
    const contact = await api(acme, 'POST', '/api/records/contacts', { firstName: 'Cross', lastName: 'Tenant', accountId: account.id }, 'acme.localhost')
    expect(contact.status).toBe(400)
    expect(contact.json().data.issues[0]).toEqual({ path: 'accountId', message: 'is not an account of this workspace' })
    expect((await api(admin, 'GET', `/api/records/accounts/${account.id}`)).json()).toMatchObject({ name: `Private ${tag}`, version: 1 })
  })

  it('filters combine, sorts hold and keyset pages cover every row once, both ways', async () => {
    const fixture = [
      { name: `Fx ${tag} Alpha`, industry: 'Retail', employees: 10, country: 'US' },
      { name: `Fx ${tag} Bravo`, industry: 'Retail', employees: 250, country: 'DE' },
      { name: `Fx ${tag} Charlie`, industry: 'Finance', employees: 250, country: 'US' },
      { name: `Fx ${tag} Delta`, industry: 'Finance', employees: null, country: 'US' },
      { name: `Fx ${tag} Echo`, industry: 'Retail', employees: 900, country: 'FR' },
      { name: `Fx ${tag} Foxtrot`, industry: 'Energy', employees: 55, country: 'US' },
      { name: `Fx ${tag} Golf`, industry: 'Retail', employees: null, country: 'DE' },
    ]
    for (const body of fixture) expect((await api(admin, 'POST', '/api/records/accounts', body)).status).toBe(201)
    const list = async (query: string) => {
      const res = await api(admin, 'GET', `/api/records/accounts?q=${encodeURIComponent(`Fx ${tag}`)}&${query}`)
      expect(res.status, res.body).toBe(200)
      return res.json() as { items: Body[], nextCursor: string | null, total: number }
    }
    const short = (rows: Body[]) => rows.map(r => (r.name as string).split(' ').at(-1))

    const retailMid = await list('industry=Retail&employeesFrom=50&employeesTo=500&sort=name')
    expect(short(retailMid.items)).toEqual(['Bravo'])
    expect(short((await list('industry=Retail,Energy&country=US&sort=name')).items)).toEqual(['Alpha', 'Foxtrot'])
    expect((await list('industry=Finance')).total).toBe(2)
    // employees descending: nulls first (as the index orders them), ties by id descending (newest first).
    expect(short((await list('sort=employees&dir=desc')).items)).toEqual(['Golf', 'Delta', 'Echo', 'Charlie', 'Bravo', 'Foxtrot', 'Alpha'])

    for (const [sort, dir] of [['name', 'asc'], ['name', 'desc'], ['employees', 'asc'], ['employees', 'desc'], ['createdAt', 'desc']]) {
      const all = short((await list(`sort=${sort}&dir=${dir}&limit=50`)).items)
      const paged: string[] = []
      let cursor: string | null = null
      do {
        const page = await list(`sort=${sort}&dir=${dir}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        expect(page.items.length).toBeLessThanOrEqual(2)
        paged.push(...short(page.items) as string[])
        cursor = page.nextCursor
      } while (cursor)
      expect(paged, `${sort} ${dir}`).toEqual(all)
      expect(new Set(paged).size).toBe(7)
    }
  })

  it('a stale update answers 409 with the current record and changes nothing', async () => {
    const account = (await api(admin, 'POST', '/api/records/accounts', { name: `Stale ${tag}` })).json()
    expect((await api(admin, 'PATCH', `/api/records/accounts/${account.id}`, { version: 1, city: 'Scranton' })).status).toBe(200)
    const stale = await api(member, 'PATCH', `/api/records/accounts/${account.id}`, { version: 1, city: 'Nashua' })
    expect(stale.status).toBe(409)
    expect(stale.json().data.code).toBe('STALE')
    expect(stale.json().data.current).toMatchObject({ city: 'Scranton', version: 2 })
    expect((await api(admin, 'GET', `/api/records/accounts/${account.id}`)).json()).toMatchObject({ city: 'Scranton', version: 2 })
  })

  it('custom fields: defined by admins, validated on write, filterable', async () => {
    expect((await api(member, 'POST', '/api/custom-fields', { recordType: 'accounts', label: 'Tier', type: 'select', options: ['Gold'] })).status).toBe(403)
    const tier = await api(admin, 'POST', '/api/custom-fields', { recordType: 'accounts', key: `tier_${tag}`, label: `Tier ${tag}`, type: 'select', options: ['Gold', 'Silver'] })
    expect(tier.status, tier.body).toBe(201)
    const score = await api(admin, 'POST', '/api/custom-fields', { recordType: 'accounts', key: `score_${tag}`, label: `Score ${tag}`, type: 'number' })
    expect(score.status).toBe(201)
    expect((await api(admin, 'POST', '/api/custom-fields', { recordType: 'accounts', key: 'name', label: 'Name', type: 'text' })).status).toBe(409)

    const gold = await api(admin, 'POST', '/api/records/accounts', { name: `Cf ${tag} gold`, custom: { [`tier_${tag}`]: 'Gold', [`score_${tag}`]: 7 } })
    expect(gold.status, gold.body).toBe(201)
    await api(admin, 'POST', '/api/records/accounts', { name: `Cf ${tag} silver`, custom: { [`tier_${tag}`]: 'Silver', [`score_${tag}`]: 2 } })
    const names = async (q: string) => (await api(admin, 'GET', `/api/records/accounts?q=${encodeURIComponent(`Cf ${tag}`)}&sort=name&${q}`)).json().items.map((r: Body) => r.name)
    expect(await names(`cf.tier_${tag}=Gold`)).toEqual([`Cf ${tag} gold`])
    expect(await names(`cf.score_${tag}From=3`)).toEqual([`Cf ${tag} gold`])

    const wrongType = await api(admin, 'POST', '/api/records/accounts', { name: `Cf ${tag} bad`, custom: { [`score_${tag}`]: 'lots' } })
    expect(wrongType.status).toBe(400)
    expect(wrongType.json().data.issues[0]).toEqual({ path: `custom.score_${tag}`, message: 'must be a number' })
    const badOption = await api(admin, 'PATCH', `/api/records/accounts/${gold.json().id}`, { version: 1, custom: { [`tier_${tag}`]: 'Bronze' } })
    expect(badOption.json().data.issues[0].path).toBe(`custom.tier_${tag}`)
    expect((await api(admin, 'POST', '/api/records/accounts', { name: 'x', custom: { nope_field: 1 } })).json().data.issues[0].path).toBe('custom.nope_field')
    expect(await names('')).toEqual([`Cf ${tag} gold`, `Cf ${tag} silver`]) // nothing half-written
  })

  it('saved views belong to the person who saved them', async () => {
    const saved = await api(member, 'POST', '/api/views', { recordType: 'accounts', name: `Retail ${tag}`, query: { industry: 'Retail', sort: 'name' } })
    expect(saved.status).toBe(201)
    expect((await api(member, 'GET', '/api/views?recordType=accounts')).json().map((v: Body) => v.name)).toContain(`Retail ${tag}`)
    expect((await api(admin, 'GET', '/api/views?recordType=accounts')).json().map((v: Body) => v.name)).not.toContain(`Retail ${tag}`)
    expect((await api(admin, 'DELETE', `/api/views/${saved.json().id}`)).status).toBe(404)
    expect((await api(member, 'DELETE', `/api/views/${saved.json().id}`)).status).toBe(204)
  })

  it('bad input is a 400 naming the field, and writes nothing', async () => {
    const cases: [string, string][] = [
      ['/api/records/accounts?colour=red', 'colour'],
      ['/api/records/accounts?sort=phone', 'sort'],
      ['/api/records/accounts?createdFrom=yesterday', 'createdFrom'],
      ['/api/records/accounts?limit=500', 'limit'],
      ['/api/records/accounts?cursor=not-a-cursor', 'cursor'],
      ['/api/records/accounts?employees=5', 'employees'],
      ['/api/records/tickets?priority=whenever', 'priority'],
      ['/api/records/nothing', 'type'],
      ['/api/records/accounts/42', 'id'],
    ]
    for (const [path, field] of cases) {
      const res = await api(admin, 'GET', path)
      expect(res.status, path).toBe(400)
      expect(res.json().data.issues.map((i: { path: string }) => i.path), path).toContain(field)
    }
    const before = (await api(admin, 'GET', '/api/records/deals?limit=1')).json().total
    for (const body of [{ name: '' }, { name: 'x', amountMinor: 12.5 }, { name: 'x', expectedCloseDate: '31/12/2026' }, { name: 'x', status: 'won' }, { name: 'x', ownerId: '00000000-0000-4000-8000-000000000000' }]) {
      const res = await api(admin, 'POST', '/api/records/deals', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
    }
    expect((await api(admin, 'GET', '/api/records/deals?limit=1')).json().total).toBe(before)
  })

  it('websites, emails and phone numbers are checked on every write (400 on the field) and stored tidied', async () => {
    const bad: [string, Body, string][] = [
      ['accounts', { name: 'x', domain: 'not a url!!' }, 'domain'],
      ['accounts', { name: 'x', domain: 'javascript:alert(1)' }, 'domain'],
      ['accounts', { name: 'x', domain: 'localhost' }, 'domain'],
      ['accounts', { name: 'x', domain: '192.168.1.10' }, 'domain'],
      ['accounts', { name: 'x', phone: 'call me maybe' }, 'phone'],
      ['contacts', { firstName: 'a', lastName: 'b', email: 'not-an-email' }, 'email'],
      ['contacts', { firstName: 'a', lastName: 'b', phone: '12' }, 'phone'],
      ['leads', { firstName: 'a', lastName: 'b', email: 'a@b' }, 'email'],
    ]
    for (const [type, body, field] of bad) {
      const res = await api(admin, 'POST', `/api/records/${type}`, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.json()).toMatchObject({ statusCode: 400, data: { code: 'VALIDATION_FAILED' } })
      expect(res.json().data.issues.map((i: { path: string }) => i.path), JSON.stringify(body)).toEqual([field])
    }
    const message = (await api(admin, 'POST', '/api/records/accounts', { name: 'x', domain: 'not a url!!' })).json().data.issues[0].message
    expect(message).toMatch(/website address.*example\.com/)

    // A pasted address keeps only its domain, as the website column holds it; phones keep their layout.
    const made = await api(admin, 'POST', '/api/records/accounts', { name: `Tidy ${tag}`, domain: ' HTTPS://www.Example.COM/about?x=1 ', phone: ' +1 (212) 555-0100   ext. 12 ' })
    expect(made.status, made.body).toBe(201)
    expect(made.json()).toMatchObject({ domain: 'example.com', phone: '+1 (212) 555-0100 ext. 12' })
    const bare = await api(admin, 'POST', '/api/records/accounts', { name: `Bare ${tag}`, domain: 'shop.example.co.uk', phone: '' })
    expect(bare.json()).toMatchObject({ domain: 'shop.example.co.uk', phone: null })
    const patched = await api(admin, 'PATCH', `/api/records/accounts/${made.json().id}`, { version: 1, domain: 'not a url!!' })
    expect(patched.status).toBe(400)
    expect(patched.json().data.issues[0].path).toBe('domain')
    const contact = await api(admin, 'POST', '/api/records/contacts', { firstName: 'Tidy', lastName: tag, email: ' Bob.Vance@Vance.TEST ', phone: '+44 20 7946 0958' })
    expect(contact.json()).toMatchObject({ email: 'bob.vance@vance.test', phone: '+44 20 7946 0958' })
  })

  it('a module switched off is gone from the API (initech has no tickets)', async () => {
    const initech = await signIn(port, 'initech.localhost', 'admin@initech.test')
    for (const [method, path] of [['GET', '/api/records/tickets'], ['POST', '/api/records/tickets']]) {
      const res = await api(initech, method, path, method === 'POST' ? { subject: 'x' } : undefined, 'initech.localhost')
      expect(res.status).toBe(404)
      expect(res.json().data.code).toBe('FEATURE_DISABLED')
    }
    expect((await api(initech, 'GET', '/api/records/accounts', undefined, 'initech.localhost')).status).toBe(200)
    // Its pages answer 404 and the navigation (rendered on the server) has no entry for it.
    expect((await api(initech, 'GET', '/tickets', undefined, 'initech.localhost')).status).toBe(404)
    const home = await api(initech, 'GET', '/', undefined, 'initech.localhost')
    expect(home.body).toContain('href="/accounts"')
    expect(home.body).not.toContain('href="/tickets"')
    const acme = await signIn(port, 'acme.localhost', 'admin@acme.test')
    expect((await api(acme, 'GET', '/', undefined, 'acme.localhost')).body).toContain('href="/tickets"')
  })

  it('the plan\'s record limit holds: tyrell\'s Tiny plan takes 100 records, a deleted one frees its place', async () => {
    const tyrell = await signIn(port, 'tyrell.localhost', 'admin@tyrell.test')
    const create = (n: number) => api(tyrell, 'POST', '/api/records/accounts', { name: `Limit ${tag} ${n}` }, 'tyrell.localhost')
    const used = (await api(tyrell, 'GET', '/api/settings/plan', undefined, 'tyrell.localhost')).json().usage.records.used as number
    for (let n = used; n < 100; n++) expect((await create(n)).status).toBe(201)
    const refused = await create(100)
    expect(refused.status).toBe(409)
    expect(refused.json()).toMatchObject({ data: { code: 'PLAN_LIMIT' } })
    expect(refused.json().message).toContain('100 records')
    const some = (await api(tyrell, 'GET', '/api/records/accounts?limit=1', undefined, 'tyrell.localhost')).json().items[0]
    expect((await api(tyrell, 'DELETE', `/api/records/accounts/${some.id}`, undefined, 'tyrell.localhost')).status).toBe(200)
    expect((await create(101)).status).toBe(201)
    // Restoring would go over the limit again.
    expect((await api(tyrell, 'POST', `/api/records/accounts/${some.id}/restore`, undefined, 'tyrell.localhost')).status).toBe(409)
    // Twelve creates at once racing for five freed places: exactly five get one.
    const five = (await api(tyrell, 'GET', '/api/records/accounts?limit=5', undefined, 'tyrell.localhost')).json().items as { id: string }[]
    for (const r of five) expect((await api(tyrell, 'DELETE', `/api/records/accounts/${r.id}`, undefined, 'tyrell.localhost')).status).toBe(200)
    const raced = await Promise.all(Array.from({ length: 12 }, (_, i) => create(200 + i)))
    expect(raced.filter(r => r.status === 201)).toHaveLength(5)
    expect(raced.filter(r => r.status === 409).map(r => r.json().data.code)).toEqual(Array(7).fill('PLAN_LIMIT'))
    expect((await api(tyrell, 'GET', '/api/settings/plan', undefined, 'tyrell.localhost')).json().usage.records.used).toBe(100)
  })
  it('a list page seen before shows every later change to what it names: its rows, reference titles, another person\'s edits', async () => {
    const account = (await api(admin, 'POST', '/api/records/accounts', { name: `Cache ${tag} Ltd` })).json()
    const deal = (await api(admin, 'POST', '/api/records/deals', { name: `Cache deal ${tag}`, accountId: account.id, amountMinor: 100 })).json()
    const url = `/api/records/deals?accountId=${account.id}`
    const first = (await api(admin, 'GET', url)).json()
    expect(first.items.map((d: { refs: { accountId: { title: string } }, amountMinor: number }) => [d.refs.accountId.title, d.amountMinor])).toEqual([[`Cache ${tag} Ltd`, 100]])
    // The same page again, unchanged data: the same answer.
    expect((await api(admin, 'GET', url)).json()).toEqual(first)

    // Another person renames the account: the deals list shows the new title at once.
    expect((await api(member, 'PATCH', `/api/records/accounts/${account.id}`, { version: 1, name: `Cache ${tag} Group` })).status).toBe(200)
    expect((await api(admin, 'GET', url)).json().items[0].refs.accountId.title).toBe(`Cache ${tag} Group`)
    // A change to the deal itself, and a second deal, show too.
    expect((await api(member, 'PATCH', `/api/records/deals/${deal.id}`, { version: 1, amountMinor: 250 })).status).toBe(200)
    await api(member, 'POST', '/api/records/deals', { name: `Cache deal two ${tag}`, accountId: account.id })
    const after = (await api(admin, 'GET', url)).json()
    expect(after.total).toBe(2)
    // Another sort and page size of the same view counts the same rows (its count is shared).
    expect((await api(admin, 'GET', `${url}&sort=amountMinor&dir=desc&limit=1`)).json()).toMatchObject({ total: 2, items: [{ amountMinor: 250 }] })
    expect(after.items.find((d: { id: string }) => d.id === deal.id).amountMinor).toBe(250)
    // Deleting the account's deal takes it off the page.
    expect((await api(admin, 'DELETE', `/api/records/deals/${deal.id}`)).status).toBe(200)
    expect((await api(admin, 'GET', url)).json().items.map((d: { id: string }) => d.id)).not.toContain(deal.id)
  })
})
