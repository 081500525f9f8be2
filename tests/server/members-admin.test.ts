import { describe, expect, it } from 'vitest'
import { hit, serversPerDriver, signIn } from '../support/http'
import { waitForMail } from '../support/mail'

// Tyrell is on the test-only Tiny plan: 7 seats, 5 taken by its demo members, so 2 are free.
const HOST = 'tyrell.localhost'

describe.each(serversPerDriver())('seat limit and bulk invitations on $name', ({ port, name }) => {
  const call = (method: string, path: string, cookie: string, body?: unknown) => hit(port, HOST, path, { method, body, headers: { cookie } })
  const members = async (cookie: string) => (await call('GET', '/api/members?pageSize=100', cookie)).json().items as { id: string, email: string, status: string }[]

  it('refuses a bad line by its position and invites nobody', async () => {
    const admin = await signIn(port, HOST, 'admin@tyrell.test')
    const before = await members(admin)
    const res = await call('POST', '/api/members/invitations/bulk', admin, { emails: 'ok-1@tyrell.test\nnot an address\nok-2@tyrell.test', role: 'member' })
    expect(res.status).toBe(400)
    expect(res.json().data.issues).toEqual([{ path: 'emails.1', message: '"not an address" is not an email address' }])
    expect(await members(admin)).toEqual(before)
  })

  it('a list that needs more seats than are left invites nobody and says how many are left', async () => {
    const admin = await signIn(port, HOST, 'admin@tyrell.test')
    const before = await members(admin)
    const res = await call('POST', '/api/members/invitations/bulk', admin, { emails: `a-${name}@tyrell.test, b-${name}@tyrell.test; c-${name}@tyrell.test`, role: 'member' })
    expect(res.status).toBe(409)
    expect(res.json().data.code).toBe('PLAN_LIMIT')
    expect(res.json().message).toMatch(/7 seats and 5 are taken .* these need 3 more, 2 left/)
    expect(await members(admin)).toEqual(before)
  })

  it('invites a pasted list, skipping members and repeats, sends each a mail; then the plan is full', async () => {
    const admin = await signIn(port, HOST, 'admin@tyrell.test')
    const since = Date.now()
    const list = `Rachael <rachael-${name}@tyrell.test>\nmember@tyrell.test\nroy-${name}@tyrell.test\nRACHAEL-${name}@tyrell.test`
    const res = await call('POST', '/api/members/invitations/bulk', admin, { emails: list, role: 'viewer' })
    expect(res.status).toBe(200)
    const body = res.json()
    expect(body.invited.map((i: { email: string }) => i.email)).toEqual([`rachael-${name}@tyrell.test`, `roy-${name}@tyrell.test`])
    expect(body.skipped).toEqual([{ email: `rachael-${name}@tyrell.test`, reason: 'listed twice' }, { email: 'member@tyrell.test', reason: 'already a member' }])
    const mail = await waitForMail(`roy-${name}@tyrell.test`, since)
    expect(mail.subject).toMatch(/invited you to Tyrell Corporation/)
    const rachael = (await members(admin)).find(m => m.email === `rachael-${name}@tyrell.test`)
    expect(rachael).toMatchObject({ status: 'invited' })

    // All 7 seats are taken (open invitations hold theirs): one more is refused, naming the field.
    const one = await call('POST', '/api/members/invitations', admin, { email: `pris-${name}@tyrell.test`, role: 'member' })
    expect(one.status).toBe(409)
    expect(one.json().data).toMatchObject({ code: 'PLAN_LIMIT', issues: [{ path: 'email', message: 'no seat left on the plan' }] })

    // Deactivating someone frees a seat; reactivating them while it is taken is refused.
    const viewer = (await members(admin)).find(m => m.email === 'viewer@tyrell.test')!
    expect((await call('PATCH', `/api/members/${viewer.id}`, admin, { status: 'deactivated' })).status).toBe(200)
    expect((await call('POST', '/api/members/invitations', admin, { email: `pris-${name}@tyrell.test`, role: 'member' })).status).toBe(201)
    const back = await call('PATCH', `/api/members/${viewer.id}`, admin, { status: 'active' })
    expect(back.status).toBe(409)
    expect(back.json().data.issues).toEqual([{ path: 'status', message: 'no seat left on the plan' }])
  })

  it('removing a member frees their seat; nobody removes themselves or another workspace\'s member', async () => {
    const admin = await signIn(port, HOST, 'admin@tyrell.test')
    const list = await members(admin)
    const roy = list.find(m => m.email === `roy-${name}@tyrell.test`)!
    const self = list.find(m => m.email === 'admin@tyrell.test')!
    const mine = await call('DELETE', `/api/members/${self.id}`, admin)
    expect(mine.status).toBe(409)
    expect(mine.json().message).toMatch(/cannot remove yourself/)

    const acmeAdmin = await signIn(port, 'acme.localhost', 'admin@acme.test')
    expect((await hit(port, 'acme.localhost', `/api/members/${roy.id}`, { method: 'DELETE', headers: { cookie: acmeAdmin } })).status).toBe(404)

    expect((await call('DELETE', `/api/members/${roy.id}`, admin)).status).toBe(200)
    expect((await members(admin)).some(m => m.id === roy.id)).toBe(false)
    expect((await call('DELETE', `/api/members/${roy.id}`, admin)).status).toBe(404)
    // The freed seat lets the deactivated viewer back in.
    const viewer = (await members(admin)).find(m => m.email === 'viewer@tyrell.test')!
    expect((await call('PATCH', `/api/members/${viewer.id}`, admin, { status: 'active' })).status).toBe(200)
  })

  it('members cannot invite or remove', async () => {
    const member = await signIn(port, HOST, 'member@tyrell.test')
    expect((await call('POST', '/api/members/invitations/bulk', member, { emails: 'x@tyrell.test', role: 'member' })).status).toBe(403)
    const admin = await signIn(port, HOST, 'admin@tyrell.test')
    const viewer = (await members(admin)).find(m => m.email === 'viewer@tyrell.test')!
    expect((await call('DELETE', `/api/members/${viewer.id}`, member)).status).toBe(403)
  })
})

describe.each(serversPerDriver())('assigning teams from the member side on $name', ({ port, name }) => {
  const call = (method: string, path: string, cookie: string, body?: unknown, host = HOST) => hit(port, host, path, { method, body, headers: { cookie } })

  it('puts a member in exactly the chosen teams, shown in the list; refuses unknown or foreign teams by position', async () => {
    const admin = await signIn(port, HOST, 'admin@tyrell.test')
    const team = (await call('POST', '/api/teams', admin, { name: `Nexus ${name}` })).json()
    const other = (await call('POST', '/api/teams', admin, { name: `Offworld ${name}` })).json()
    const list = (await call('GET', '/api/members?pageSize=100', admin)).json().items as { id: string, email: string, teams: { id: string }[] }[]
    const support = list.find(m => m.email === 'support@tyrell.test')!

    const saved = await call('PUT', `/api/members/${support.id}/teams`, admin, { teamIds: [team.id, other.id] })
    expect(saved.status).toBe(200)
    expect(saved.json().teams.map((t: { id: string }) => t.id).sort()).toEqual([team.id, other.id].sort())
    const shown = (await call('GET', `/api/members?search=support@tyrell`, admin)).json().items[0]
    expect(shown.teams.map((t: { name: string }) => t.name)).toEqual([`Nexus ${name}`, `Offworld ${name}`])
    expect((await call('GET', `/api/teams/${team.id}/members`, admin)).json().map((m: { id: string }) => m.id)).toContain(support.id)

    const acmeAdmin = await signIn(port, 'acme.localhost', 'admin@acme.test')
    const acmeTeam = (await call('POST', '/api/teams', acmeAdmin, { name: `Acme only ${name}` }, 'acme.localhost')).json()
    const foreign = await call('PUT', `/api/members/${support.id}/teams`, admin, { teamIds: [team.id, acmeTeam.id] })
    expect(foreign.status).toBe(400)
    expect(foreign.json().data.issues).toEqual([{ path: 'teamIds.1', message: 'is not a team of this workspace' }])
    expect((await call('PUT', `/api/members/${support.id}/teams`, admin, { teamIds: ['nope'] })).json().data.issues[0].path).toBe('teamIds.0')
    // Nothing changed by the refusals; an empty list takes the member out of every team.
    expect((await call('GET', `/api/members?search=support@tyrell`, admin)).json().items[0].teams).toHaveLength(2)
    expect((await call('PUT', `/api/members/${support.id}/teams`, admin, { teamIds: [] })).json().teams).toEqual([])

    const member = await signIn(port, HOST, 'member@tyrell.test')
    expect((await call('PUT', `/api/members/${support.id}/teams`, member, { teamIds: [team.id] })).status).toBe(403)
    expect((await call('PUT', `/api/members/${support.id}/teams`, acmeAdmin, { teamIds: [] }, 'acme.localhost')).status).toBe(404)
  })
})
