import { afterAll, describe, expect, it } from 'vitest'
import { hit, servers, serversPerDriver, signIn } from '../support/http'

// Initrode is a test-only tenant of this file alone: an allowlist there shuts out no other test.
// The proxy server shares the PostgreSQL database with the direct one but believes X-Forwarded-For.
const HOST = 'initrode.localhost'
const direct = servers().find(s => s.name === 'postgres')!
const proxied = servers().find(s => s.name === 'postgres-proxy')!
const from = (ip: string, cookie?: string) => ({ 'x-forwarded-for': ip, ...(cookie ? { cookie } : {}) })

describe('IP allowlist (PostgreSQL, with and without a trusted proxy)', () => {
  let admin: string
  const put = (ranges: unknown, ip = '203.0.113.7') => hit(proxied.port, HOST, '/api/settings/ip-allowlist', { method: 'PUT', body: { ranges }, headers: from(ip, admin) })

  afterAll(async () => {
    await put([])
  })

  it('refuses a list that would lock out the admin saving it', async () => {
    const login = await hit(proxied.port, HOST, '/api/auth/login', { method: 'POST', body: { email: 'admin@initrode.test', password: 'Demo-pass-2026' }, headers: from('203.0.113.7') })
    expect(login.status).toBe(200)
    admin = String(login.headers['set-cookie']?.[0]).split(';')[0]!
    const shown = (await hit(proxied.port, HOST, '/api/settings/ip-allowlist', { headers: from('203.0.113.7', admin) })).json()
    expect(shown).toEqual({ ranges: [], yourAddress: '203.0.113.7' })
    const lockout = await put(['198.51.100.0/24'])
    expect(lockout.status).toBe(409)
    expect(lockout.json().message).toMatch(/lock you out: your address 203\.0\.113\.7/)
  })

  it('once set, only listed networks reach the workspace — pages, APIs and sign-in alike', async () => {
    const saved = await put(['203.0.113.0/24', '2001:db8::/32', '203.0.113.7'])
    expect(saved.status).toBe(200)
    expect(saved.json().ranges).toEqual(['203.0.113.0/24', '2001:db8::/32', '203.0.113.7/32'])

    expect((await hit(proxied.port, HOST, '/api/members', { headers: from('203.0.113.99', admin) })).status).toBe(200)
    expect((await hit(proxied.port, HOST, '/api/site', { headers: from('2001:db8::42') })).status).toBe(200)

    const api = await hit(proxied.port, HOST, '/api/members', { headers: from('198.51.100.9', admin) })
    expect(api.status).toBe(403)
    expect(api.json().data.code).toBe('IP_NOT_ALLOWED')
    const signin = await hit(proxied.port, HOST, '/api/auth/login', { method: 'POST', body: { email: 'admin@initrode.test', password: 'Demo-pass-2026' }, headers: from('198.51.100.9') })
    expect(signin.status).toBe(403)
    const page = await hit(proxied.port, HOST, '/login', { headers: from('198.51.100.9') })
    expect(page.status).toBe(403)
    expect(page.body).toContain('Initrode is not reachable from your network')
    // Other workspaces are not affected.
    expect((await hit(proxied.port, 'acme.localhost', '/api/site', { headers: from('198.51.100.9') })).status).toBe(200)
  })

  it('without a trusted proxy, X-Forwarded-For is ignored: the real address (127.0.0.1) is judged', async () => {
    const spoofed = await hit(direct.port, HOST, '/api/site', { headers: { 'x-forwarded-for': '203.0.113.7' } })
    expect(spoofed.status).toBe(403)
    expect(spoofed.json().data.code).toBe('IP_NOT_ALLOWED')
  })

  it('refuses malformed ranges with a 400 naming each one, and members cannot change the list', async () => {
    const bad = await put(['300.1.1.1/8', '10.0.0.0/33', 'localhost', '203.0.113.0/24'])
    expect(bad.status).toBe(400)
    expect(bad.json().data.issues.map((i: { path: string }) => i.path)).toEqual(['ranges.0', 'ranges.1', 'ranges.2'])
    const member = await hit(proxied.port, HOST, '/api/auth/login', { method: 'POST', body: { email: 'member@initrode.test', password: 'Demo-pass-2026' }, headers: from('203.0.113.8') })
    const cookie = String(member.headers['set-cookie']?.[0]).split(';')[0]!
    expect((await hit(proxied.port, HOST, '/api/settings/ip-allowlist', { method: 'PUT', body: { ranges: [] }, headers: from('203.0.113.8', cookie) })).status).toBe(403)
  })
})

describe.each(serversPerDriver())('IP allowlist settings on $name', ({ port }) => {
  it('an empty list lets everyone in, and the admin sees their own address', async () => {
    const admin = await signIn(port, 'acme.localhost', 'admin@acme.test')
    const res = await hit(port, 'acme.localhost', '/api/settings/ip-allowlist', { headers: { cookie: admin } })
    expect(res.json()).toEqual({ ranges: [], yourAddress: '127.0.0.1' })
    // The page's first paint shows it too: its own API call is made in-process for the same visitor.
    const page = await hit(port, 'acme.localhost', '/settings/security', { headers: { cookie: admin, accept: 'text/html' } })
    expect(page.status).toBe(200)
    expect(page.body).toMatch(/Your address: <code[^>]*>127\.0\.0\.1<\/code>/)
  })
})
