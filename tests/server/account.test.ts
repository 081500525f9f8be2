import postgres from 'postgres'
import { describe, expect, it } from 'vitest'
import { hit, serversPerDriver, signIn } from '../support/http'
import { linkToken, mailArrived, waitForMail } from '../support/mail'
import { ownerUrl } from '../support/owner'

describe.each(serversPerDriver())('invitations, password reset and change on $name', ({ port }) => {
  const host = 'acme.localhost'
  const newcomer = `newcomer-${port}@acme.test`
  const strong = 'Correct-horse-battery-9'
  const post = (path: string, body: unknown, cookie?: string) => hit(port, host, path, { method: 'POST', body, headers: cookie ? { cookie } : {} })

  it('an invitation arrives over SMTP in the tenant\'s brand; its link is single-use and signs the newcomer in', async () => {
    const admin = await signIn(port, host, 'admin@acme.test')
    const since = Date.now() - 1000
    const invited = await post('/api/members/invitations', { email: newcomer, role: 'member' }, admin)
    expect(invited.status).toBe(201)
    expect(invited.json()).toMatchObject({ email: newcomer, status: 'invited' })

    const mail = await waitForMail(newcomer, since)
    expect(mail.subject).toBe('Ada Admin invited you to Acme Corporation')
    expect(mail.from?.value[0]).toMatchObject({ name: 'Acme Corporation', address: 'mail@atrium.test' })
    expect(mail.html).toContain('#ea580c')
    expect(mail.text).toContain(`http://${host}/accept-invitation?token=`)
    expect(mail.html).not.toMatch(/Globex|Initech/)
    const token = linkToken(mail)

    // The invited account cannot sign in before accepting.
    expect((await post('/api/auth/login', { email: newcomer, password: strong })).status).toBe(401)

    const weak = await post('/api/auth/accept-invitation', { token, name: 'New Comer', password: 'password123' })
    expect(weak.status).toBe(400)
    expect(weak.json().data.issues[0]).toMatchObject({ path: 'password', message: expect.stringMatching(/common/) })

    const accepted = await post('/api/auth/accept-invitation', { token, name: 'New Comer', password: strong })
    expect(accepted.status).toBe(200)
    const cookie = String(accepted.headers['set-cookie']?.[0]).split(';')[0]!
    expect((await hit(port, host, '/api/auth/session', { headers: { cookie } })).json()).toMatchObject({ email: newcomer, name: 'New Comer', role: { key: 'member' } })

    const again = await post('/api/auth/accept-invitation', { token, name: 'Someone Else', password: strong })
    expect(again.status).toBe(400)
    expect(again.json().data.code).toBe('TOKEN_INVALID')
    expect((await post('/api/members/invitations', { email: newcomer, role: 'member' }, admin)).status).toBe(409)
  })

  it('the invitation page is filled in with the name the admin typed', async () => {
    const admin = await signIn(port, host, 'admin@acme.test')
    const email = `named-${port}@acme.test`
    const since = Date.now() - 1000
    expect((await post('/api/members/invitations', { email, name: 'Nina Newcomer', role: 'member' }, admin)).status).toBe(201)
    const token = linkToken(await waitForMail(email, since))
    const shown = await hit(port, host, `/api/auth/invitation?token=${encodeURIComponent(token)}`)
    expect(shown.status, shown.body).toBe(200)
    expect(shown.json()).toEqual({ email, name: 'Nina Newcomer' })
    const page = await hit(port, host, `/accept-invitation?token=${encodeURIComponent(token)}`, { headers: { accept: 'text/html' } })
    expect(page.body).toMatch(/value="Nina Newcomer"/)
    // Looking does not use the link up; a wrong token says nothing about anyone.
    expect((await hit(port, host, `/api/auth/invitation?token=${encodeURIComponent(token)}`)).status).toBe(200)
    const wrong = await hit(port, host, '/api/auth/invitation?token=not-a-real-token-at-all-0123456789')
    expect(wrong.status).toBe(400)
    expect(wrong.json().data.code).toBe('TOKEN_INVALID')
    // Invited without a name: nothing to prefill (not the address's local part).
    const unnamed = `unnamed-${port}@acme.test`
    expect((await post('/api/members/invitations', { email: unnamed, role: 'member' }, admin)).status).toBe(201)
    const other = linkToken(await waitForMail(unnamed, since))
    expect((await hit(port, host, `/api/auth/invitation?token=${encodeURIComponent(other)}`)).json()).toEqual({ email: unnamed, name: null })
  })

  it('only roles that may write members invite, and only to roles that exist', async () => {
    const admin = await signIn(port, host, 'admin@acme.test')
    expect((await post('/api/members/invitations', { email: `x-${port}@acme.test`, role: 'owner' }, admin)).json().data.issues[0].path).toBe('role')
    expect((await post('/api/members/invitations', { email: 'not-an-email', role: 'member' }, admin)).status).toBe(400)
    const viewer = await signIn(port, host, 'viewer@acme.test')
    expect((await post('/api/members/invitations', { email: `y-${port}@acme.test`, role: 'member' }, viewer)).status).toBe(403)
  })

  it('password reset mails are limited per address: the fourth request in an hour gets 429 and no mail', async () => {
    const address = `flood-${port}@acme.test`
    for (let i = 0; i < 3; i++) expect((await post('/api/auth/forgot-password', { email: address })).status).toBe(202)
    const fourth = await post('/api/auth/forgot-password', { email: address.toUpperCase() })
    expect(fourth.status).toBe(429)
    expect(fourth.json().data.code).toBe('RATE_LIMITED')
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0)
    // Another address is not held back by this one.
    expect((await post('/api/auth/forgot-password', { email: `other-${port}@acme.test` })).status).toBe(202)
  })

  it('a password reset answers alike for unknown emails, mails a single-use link, and ends old sessions', async () => {
    const since = Date.now() - 1000
    const unknown = await post('/api/auth/forgot-password', { email: `nobody-${port}@acme.test` })
    const known = await post('/api/auth/forgot-password', { email: newcomer })
    expect(unknown.status).toBe(202)
    expect(known.status).toBe(202)
    expect(unknown.body).toBe(known.body)
    expect(await mailArrived(`nobody-${port}@acme.test`, since)).toBe(false)

    const oldSession = await signIn(port, host, newcomer, strong)
    const mail = await waitForMail(newcomer, since)
    expect(mail.subject).toBe('Reset your Acme Corporation password')
    const token = linkToken(mail)
    const renewed = 'Another-strong-pass-7'
    expect((await post('/api/auth/reset-password', { token, password: renewed })).status).toBe(200)
    expect((await post('/api/auth/reset-password', { token, password: renewed })).json().data.code).toBe('TOKEN_INVALID')
    expect((await hit(port, host, '/api/auth/session', { headers: { cookie: oldSession } })).status).toBe(401)
    expect((await post('/api/auth/login', { email: newcomer, password: strong })).status).toBe(401)
    expect((await post('/api/auth/login', { email: newcomer, password: renewed })).status).toBe(200)
    expect((await post('/api/auth/reset-password', { token: 'x'.repeat(43), password: renewed })).status).toBe(400)
  })

  it('changing a password needs the current one and ends the other sessions, not this one', async () => {
    const current = 'Another-strong-pass-7'
    const here = await signIn(port, host, newcomer, current)
    const elsewhere = await signIn(port, host, newcomer, current)
    const wrong = await post('/api/auth/change-password', { currentPassword: 'nope', newPassword: 'Third-strong-pass-5' }, here)
    expect(wrong.status).toBe(400)
    expect(wrong.json().data.issues[0].path).toBe('currentPassword')
    expect((await post('/api/auth/change-password', { currentPassword: current, newPassword: 'Third-strong-pass-5' }, here)).status).toBe(200)
    expect((await hit(port, host, '/api/auth/session', { headers: { cookie: here } })).status).toBe(200)
    expect((await hit(port, host, '/api/auth/session', { headers: { cookie: elsewhere } })).status).toBe(401)
    expect((await post('/api/auth/change-password', { currentPassword: 'x', newPassword: 'y' })).status).toBe(401)
  })
})

// Ageing a token needs the database itself; PGlite's files belong to its server process, so this
// runs against the PostgreSQL server (the expiry check is the same SQL on both).
describe('expired links on postgres', () => {
  const server = serversPerDriver().find(s => s.driver === 'postgres')!
  const host = 'acme.localhost'

  it('an expired invitation link is refused, and the refusal is audited', async () => {
    const email = `expiring-${server.port}@acme.test`
    const admin = await signIn(server.port, host, 'admin@acme.test')
    const since = Date.now() - 1000
    expect((await hit(server.port, host, '/api/members/invitations', { method: 'POST', body: { email, role: 'viewer' }, headers: { cookie: admin } })).status).toBe(201)
    const token = linkToken(await waitForMail(email, since))

    const owner = postgres(ownerUrl(), { max: 1, onnotice: () => {} })
    try {
      await owner`update auth_tokens set expires_at = now() - interval '1 minute' where kind = 'invitation' and used_at is null and user_id = (select id from users where email = ${email})`
    }
    finally {
      await owner.end()
    }
    const res = await hit(server.port, host, '/api/auth/accept-invitation', { method: 'POST', body: { token, name: 'Late', password: 'Correct-horse-battery-9' } })
    expect(res.status).toBe(400)
    expect(res.json().data.code).toBe('TOKEN_INVALID')
    const audit = (await hit(server.port, host, '/api/audit?action=auth.invitation_token_rejected&pageSize=1', { headers: { cookie: admin } })).json()
    expect(audit.total).toBeGreaterThan(0)
  })
})
