import { describe, expect, it } from 'vitest'
import { hit, serversPerDriver, signIn } from '../support/http'
import { newMember } from '../support/members'

describe.each(serversPerDriver())('"your sessions" on $name', ({ port }) => {
  const host = 'acme.localhost'
  const get = (cookie: string) => hit(port, host, '/api/account/sessions', { headers: { cookie, 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Chrome/130.0' } })

  it('lists one\'s own devices with the current one first, and signs another out at once', async () => {
    const admin = await signIn(port, host, 'admin@acme.test')
    const email = `sessions-${port}@acme.test`
    const laptop = await newMember(port, host, admin, email)
    const phone = await signIn(port, host, email, 'Fresh-member-pass-2026')
    const listed = (await get(laptop)).json() as { id: string, current: boolean, ip: string | null, userAgent: string | null, lastSeenAt: string }[]
    expect(listed.length).toBeGreaterThanOrEqual(2)
    expect(listed[0]!.current).toBe(true)
    expect(listed.filter(s => s.current)).toHaveLength(1)
    expect(listed[0]).toMatchObject({ ip: expect.any(String), lastSeenAt: expect.any(String) })

    const other = listed.find(s => !s.current)!
    expect((await hit(port, host, `/api/account/sessions/${other.id}`, { method: 'DELETE', headers: { cookie: laptop } })).status).toBe(204)
    expect((await hit(port, host, '/api/auth/session', { headers: { cookie: phone } })).status).toBe(401)
    expect((await hit(port, host, '/api/auth/session', { headers: { cookie: laptop } })).status).toBe(200)
  })

  it('never shows or ends someone else\'s sessions; bad ids are 400', async () => {
    const mine = await signIn(port, host, 'support@acme.test')
    const theirs = await signIn(port, host, 'manager@acme.test')
    const theirId = ((await get(theirs)).json() as { id: string, current: boolean }[]).find(s => s.current)!.id
    expect(((await get(mine)).json() as { id: string }[]).map(s => s.id)).not.toContain(theirId)
    expect((await hit(port, host, `/api/account/sessions/${theirId}`, { method: 'DELETE', headers: { cookie: mine } })).status).toBe(404)
    expect((await hit(port, host, '/api/auth/session', { headers: { cookie: theirs } })).status).toBe(200)
    expect((await hit(port, host, '/api/account/sessions/nope', { method: 'DELETE', headers: { cookie: mine } })).status).toBe(400)
    expect((await hit(port, host, '/api/account/sessions')).status).toBe(401)
  })
})
