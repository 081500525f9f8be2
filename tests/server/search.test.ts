import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { hit, serversPerDriver, signIn } from '../support/http'

interface Hit { type: string, id: string, title: string, subtitle: string | null, status: string | null, owner: { id: string, name: string } | null, rank: number }
interface Answer { items: Hit[], facets: { type: Record<string, number>, status: Record<string, number>, owner: { id: string, name: string, count: number }[] } }

/** A word no other record holds: letters only, so it stays one token. */
const word = () => `zq${[...randomBytes(6)].map(b => String.fromCharCode(97 + (b % 26))).join('')}`

describe.each(serversPerDriver())('search on $name', ({ port }) => {
  const host = 'wonka.localhost'
  const t = word()
  let admin: string
  const api = (cookie: string, method: string, path: string, body?: unknown, on = host) => hit(port, on, path, { method, body, headers: { cookie } })
  const search = async (cookie: string, query: string) => {
    const res = await api(cookie, 'GET', `/api/search?${query}`)
    expect(res.status, res.body).toBe(200)
    return res.json<Answer>()
  }
  const create = async (type: string, body: Record<string, unknown>) => {
    const res = await api(admin, 'POST', `/api/records/${type}`, body)
    expect(res.status, res.body).toBe(201)
    return res.json<{ id: string }>().id
  }
  const memberId = async (email: string) => (await api(admin, 'GET', `/api/members?search=${email}`)).json().items[0].id as string

  const ids: Record<string, string> = {}
  let memberUserId: string
  let viewerUserId: string

  beforeAll(async () => {
    admin = await signIn(port, host, 'admin@wonka.test')
    memberUserId = await memberId('member@wonka.test')
    viewerUserId = await memberId('viewer@wonka.test')
    ids.account = await create('accounts', { name: `${t}on Industries`, domain: `${t}on.example`, city: 'Lisbon' })
    ids.contact = await create('contacts', { firstName: `${t}ina`, lastName: 'Harper', email: 'tina.harper@example.com', accountId: ids.account, ownerId: memberUserId })
    // The word only in the job title (weight C): found, ranked below title matches (weight A).
    ids.consultant = await create('contacts', { firstName: 'Bob', lastName: 'Jones', jobTitle: `${t} consultant`, ownerId: viewerUserId })
    ids.deal = await create('deals', { name: `${t}on renewal`, accountId: ids.account, amountMinor: 1_250_000 })
    ids.lead = await create('leads', { firstName: `${t}a`, lastName: 'Quill', company: 'Quill Ltd', status: 'qualified', ownerId: memberUserId })
    ids.ticket = await create('tickets', { subject: `${t}on printer is on fire`, priority: 'urgent' })
    ids.task = await create('tasks', { title: `Call ${t}ina back` })
  })

  it('finds every word as a prefix, ranks title matches first, and counts facets', async () => {
    const all = await search(admin, `q=${t}`)
    expect(all.items.map(i => i.id).sort()).toEqual(Object.values(ids).sort())
    // Title (A) matches outrank the job-title (C) match, which comes last.
    expect(all.items.at(-1)!.id).toBe(ids.consultant)
    for (const i of all.items.slice(0, -1)) expect(i.rank).toBeGreaterThan(all.items.at(-1)!.rank)
    const account = all.items.find(i => i.id === ids.account)!
    expect(account).toMatchObject({ type: 'accounts', title: `${t}on Industries`, subtitle: `${t}on.example · Lisbon`, status: null })
    expect(account.owner?.name).toBe('Ada Admin')
    expect(all.items.find(i => i.id === ids.deal)).toMatchObject({ type: 'deals', status: 'open', subtitle: 'Prospecting · USD 12,500.00' })

    expect(all.facets.type).toEqual({ accounts: 1, contacts: 2, deals: 1, leads: 1, tickets: 1, tasks: 1 })
    expect(all.facets.status).toEqual({ open: 2, qualified: 1, new: 1 })
    const owners = Object.fromEntries(all.facets.owner.map(o => [o.id, o.count]))
    expect(owners[memberUserId]).toBe(2)
    expect(owners[viewerUserId]).toBe(1)

    // Prefixes: the first letters of a first name; two words must both match (as prefixes).
    expect((await search(admin, `q=${t}in`)).items.map(i => i.id).sort()).toEqual([ids.contact, ids.task].sort())
    expect((await search(admin, `q=${encodeURIComponent(`${t}on ind`)}`)).items.map(i => i.id)).toEqual([ids.account])
    // Punctuation and tsquery syntax are only separators.
    expect((await search(admin, `q=${encodeURIComponent(`${t}on!:* | (printer`)}`)).items.map(i => i.id)).toEqual([ids.ticket])
    expect((await search(admin, `q=${encodeURIComponent('&|!')}`)).items).toEqual([])
  })

  it('filters by type, status and owner; each facet counts under the other filters', async () => {
    const contacts = await search(admin, `q=${t}&types=contacts`)
    expect(contacts.items.map(i => i.type)).toEqual(['contacts', 'contacts'])
    expect(contacts.facets.type).toMatchObject({ accounts: 1, contacts: 2, tickets: 1 })
    expect(contacts.facets.status).toEqual({})

    const open = await search(admin, `q=${t}&status=open,qualified`)
    expect(open.items.map(i => i.id).sort()).toEqual([ids.deal, ids.task, ids.lead].sort())
    expect(open.facets.status).toEqual({ open: 2, qualified: 1, new: 1 })

    const mine = await search(admin, `q=${t}&ownerId=${memberUserId}`)
    expect(mine.items.map(i => i.id).sort()).toEqual([ids.contact, ids.lead].sort())
    const me = await search(admin, `q=${t}&ownerId=me&types=accounts,deals`)
    expect(me.items.map(i => i.id).sort()).toEqual([ids.account, ids.deal].sort())
    expect((await search(admin, `q=${t}&limit=2`)).items).toHaveLength(2)
  })

  it('drops a deleted record and brings it back on restore', async () => {
    expect((await api(admin, 'DELETE', `/api/records/deals/${ids.deal}`)).status).toBe(200)
    try {
      expect((await search(admin, `q=${t}on`)).items.map(i => i.id)).not.toContain(ids.deal)
    }
    finally {
      expect((await api(admin, 'POST', `/api/records/deals/${ids.deal}/restore`)).status).toBe(200)
    }
    expect((await search(admin, `q=${t}on`)).items.map(i => i.id)).toContain(ids.deal)
    const renamed = await api(admin, 'PATCH', `/api/records/accounts/${ids.account}`, { version: (await api(admin, 'GET', `/api/records/accounts/${ids.account}`)).json().version, name: `${t}on Holdings` })
    expect(renamed.status, renamed.body).toBe(200)
    expect((await search(admin, `q=${encodeURIComponent(`${t}on hold`)}`)).items.map(i => i.title)).toEqual([`${t}on Holdings`])
  })

  it('never shows a module that is off, nor types the role may not read', async () => {
    expect((await api(admin, 'PUT', '/api/settings/features/tickets', { enabled: false })).status).toBe(200)
    try {
      const off = await search(admin, `q=${t}`)
      expect(off.items.map(i => i.type)).not.toContain('tickets')
      expect(off.facets.type.tickets).toBeUndefined()
      expect((await search(admin, `q=${t}&types=tickets`)).items).toEqual([])
    }
    finally {
      expect((await api(admin, 'PUT', '/api/settings/features/tickets', { enabled: true })).status).toBe(200)
    }
    expect((await search(admin, `q=${t}`)).facets.type.tickets).toBe(1)

    // Support reads tickets, tasks, accounts and contacts, not deals or leads.
    const support = await signIn(port, host, 'support@wonka.test')
    const seen = await search(support, `q=${t}`)
    expect(new Set(seen.items.map(i => i.type))).toEqual(new Set(['accounts', 'contacts', 'tickets', 'tasks']))
    expect(Object.keys(seen.facets.type).sort()).toEqual(['accounts', 'contacts', 'tasks', 'tickets'])
    expect((await search(support, `q=${t}&types=deals`)).items).toEqual([])
  })

  it('applies the role\'s record scope, and answers 401/403 without access', async () => {
    const role = await api(admin, 'POST', '/api/roles', { name: `Own ${t}`, permissions: ['contacts:read', 'accounts:read'], recordScope: 'own' })
    expect(role.status, role.body).toBe(201)
    const none = await api(admin, 'POST', '/api/roles', { name: `None ${t}`, permissions: ['dashboard:read'] })
    expect(none.status, none.body).toBe(201)
    try {
      expect((await api(admin, 'PATCH', `/api/members/${viewerUserId}`, { role: role.json().key })).status).toBe(200)
      const own = await signIn(port, host, 'viewer@wonka.test')
      expect((await search(own, `q=${t}`)).items.map(i => i.id)).toEqual([ids.consultant])

      expect((await api(admin, 'PATCH', `/api/members/${viewerUserId}`, { role: none.json().key })).status).toBe(200)
      const nothing = await signIn(port, host, 'viewer@wonka.test')
      expect((await api(nothing, 'GET', `/api/search?q=${t}`)).status).toBe(403)
    }
    finally {
      await api(admin, 'PATCH', `/api/members/${viewerUserId}`, { role: 'viewer' })
      await api(admin, 'DELETE', `/api/roles/${role.json().key}`)
      await api(admin, 'DELETE', `/api/roles/${none.json().key}`)
    }
    expect((await hit(port, host, `/api/search?q=${t}`)).status).toBe(401)
  })

  it('never shows another tenant\'s records', async () => {
    // acme's admin searches for wonka's word: nothing; wonka's cookie is not valid on acme.
    const acme = await signIn(port, 'acme.localhost', 'admin@acme.test')
    const there = await api(acme, 'GET', `/api/search?q=${t}`, undefined, 'acme.localhost')
    expect(there.status).toBe(200)
    expect(there.json<Answer>().items).toEqual([])
    expect(there.json<Answer>().facets.type).toEqual({})
    expect((await api(admin, 'GET', `/api/search?q=${t}`, undefined, 'acme.localhost')).status).toBe(401)
  })

  it('answers 400 naming the field for bad input', async () => {
    const cases: [string, string][] = [
      ['', 'q'], ['q=', 'q'], [`q=${'x'.repeat(201)}`, 'q'], [`q=${t}&limit=500`, 'limit'], [`q=${t}&limit=two`, 'limit'],
      [`q=${t}&types=widgets`, 'types'], [`q=${t}&status=bogus`, 'status'], [`q=${t}&ownerId=nobody`, 'ownerId'], [`q=${t}&sort=rank`, 'sort'],
    ]
    for (const [query, field] of cases) {
      const res = await api(admin, 'GET', `/api/search?${query}`)
      expect(res.status, query).toBe(400)
      expect(res.json().data.code).toBe('VALIDATION_FAILED')
      // The field is the issue's path, or named in its message (an unknown key).
      expect(res.json().data.issues.some((i: { path: string, message: string }) => i.path.split('.')[0] === field || i.message.includes(`"${field}"`)), `${query}: ${res.body}`).toBe(true)
    }
  })
})
