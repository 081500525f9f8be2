import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CustomDomainRow, DomainsOverview } from '../../shared/schemas/domains'
import { clearTxt, setTxt, vercelCalls } from '../support/dns'
import { TEST_VERCEL } from '../support/env'
import { hit, platformApi, servers, serversPerDriver, signIn } from '../support/http'

// Soylent is a test-only tenant of this file alone (Pro plan: custom domains included), so its
// domains, primary and redirect switch disturb no other test. Every server resolves DNS through
// the test DNS server on 127.0.0.1 and registers domains with a fake Vercel API (global-setup).

const HOST = 'soylent.localhost'
const html = { accept: 'text/html,application/xhtml+xml' }

describe.each(serversPerDriver())('custom domains on $name', ({ port, name }) => {
  let admin: string
  let member: string
  const api = (method: string, path: string, body?: unknown, cookie = admin) => hit(port, HOST, path, { method, body, headers: { cookie } })
  const overview = async () => (await api('GET', '/api/settings/domains')).json<DomainsOverview>()
  // Caddy asks over 127.0.0.1, whatever the name in question.
  const ask = (domain: string, host = '127.0.0.1') => hit(port, host, `/api/tls/ask?domain=${encodeURIComponent(domain)}`)

  beforeAll(async () => {
    admin = await signIn(port, HOST, 'admin@soylent.test')
    member = await signIn(port, HOST, 'member@soylent.test')
  })

  it('shows the built-in address, the CNAME target and no custom domain yet', async () => {
    const res = await api('GET', '/api/settings/domains')
    expect(res.status).toBe(200)
    expect(res.json()).toMatchObject({ builtIn: { hostname: HOST, isPrimary: true }, domains: [], redirectToPrimary: false, available: true, target: 'cname.localhost' })
  })

  it('end to end: added → serves nothing → TXT record → verified → serves the tenant → removed → serves nothing', async () => {
    const domain = `dash-${name}.soylent.test`
    const added = await api('POST', '/api/settings/domains', { hostname: `  DASH-${name}.Soylent.test. ` })
    expect(added.status, added.body).toBe(201)
    const row = added.json<CustomDomainRow>()
    expect(row).toMatchObject({ hostname: domain, status: 'pending', isPrimary: false, lastCheckedAt: null })
    expect(row.dns.cname).toEqual({ name: domain, value: 'cname.localhost' })
    expect(row.dns.txt.name).toBe(`_atrium-challenge.${domain}`)
    expect(row.dns.txt.value).toMatch(/^atrium-verify-[0-9a-f]{32}$/)

    // Unverified: the host serves nothing, pages and API alike, and Caddy gets no certificate for it.
    const unverified = await hit(port, domain, '/login', { headers: html })
    expect(unverified.status).toBe(404)
    expect(unverified.body).toContain('There is no workspace at this address')
    expect(unverified.body).not.toContain('Soylent')
    expect((await hit(port, domain, '/api/site')).status).toBe(404)
    expect((await ask(domain)).status).toBe(404)

    // Verify now, before the record exists: refused in plain words, and remembered.
    const missing = await api('POST', `/api/settings/domains/${row.id}/verify`)
    expect(missing.status).toBe(200)
    expect(missing.json()).toMatchObject({ status: 'failed', lastCheckError: expect.stringMatching(/_atrium-challenge\.dash-.*does not exist in DNS/) })
    expect(missing.json().lastCheckedAt).toBeTruthy()

    // A TXT record with something else in it is not enough.
    await setTxt(row.dns.txt.name, ['google-site-verification=abc'])
    const wrong = await api('POST', `/api/settings/domains/${row.id}/verify`)
    expect(wrong.json()).toMatchObject({ status: 'failed', lastCheckError: expect.stringContaining('does not hold this domain\'s token (found "google-site-verification=abc")') })
    expect((await ask(domain)).status).toBe(404)

    // The token among other records: verified, and the host serves the tenant at once.
    await setTxt(row.dns.txt.name, ['v=spf1 -all', row.dns.txt.value])
    const verified = await api('POST', `/api/settings/domains/${row.id}/verify`)
    expect(verified.json()).toMatchObject({ status: 'verified', lastCheckError: null, verifiedAt: expect.any(String) })
    const page = await hit(port, domain, '/login', { headers: html })
    expect(page.status).toBe(200)
    expect(page.body).toContain('Soylent Corporation')
    expect((await hit(port, domain, '/api/site')).json()).toMatchObject({ kind: 'tenant', tenant: { slug: 'soylent' } })
    expect((await ask(domain)).json()).toEqual({ domain, allowed: true })
    expect((await ask(`${domain.toUpperCase()}.`, 'acme.localhost')).status).toBe(200)
    expect((await overview()).domains).toEqual([expect.objectContaining({ hostname: domain, status: 'verified' })])

    // Removed: stops serving on the next request, and Caddy is told no.
    const removed = await api('DELETE', `/api/settings/domains/${row.id}`)
    expect(removed.status).toBe(204)
    expect((await hit(port, domain, '/api/site')).status).toBe(404)
    expect((await hit(port, domain, '/login', { headers: html })).status).toBe(404)
    expect((await ask(domain)).status).toBe(404)
    expect((await overview()).domains).toEqual([])
    await clearTxt(row.dns.txt.name)
  })

  it('the ask endpoint approves tenant subdomains and nothing else', async () => {
    expect((await ask(HOST)).status).toBe(200)
    expect((await ask('acme.localhost')).status).toBe(200)
    expect((await ask('dash.initech.test')).status).toBe(200)
    for (const name of ['nobody.localhost', 'localhost', 'www.localhost', 'a.b.localhost', 'example.com', '127.0.0.1', 'bad host!']) {
      const res = await ask(name)
      expect(res.status, name).toBe(404)
      expect(res.json().data.code).toBe('WORKSPACE_NOT_FOUND')
    }
    const none = await hit(port, '127.0.0.1', '/api/tls/ask')
    expect(none.status).toBe(400)
    expect(none.json().data.issues[0].path).toBe('domain')
  })

  it('refuses bad names with a 4xx naming the field, and saves nothing', async () => {
    const cases: [unknown, number, RegExp][] = [
      ['203.0.113.7', 400, /not an IP address/],
      ['2001:db8::1', 400, /not an IP address/],
      ['[2001:db8::1]', 400, /not an IP address/],
      ['*.soylent.test', 400, /wildcard/],
      ['localhost', 400, /at least two labels/],
      ['intranet', 400, /at least two labels/],
      ['soylent.localhost', 400, /platform's own domain/],
      ['new.acme.localhost', 400, /platform's own domain/],
      ['dash.initech.test', 409, /in use by another workspace/],
      ['exa mple.com', 400, /characters/],
      ['-bad-.example.com', 400, /not a valid domain name/],
      ['https://dash.example.com/', 400, /without https:\/\//],
      ['dash.example.com:8443', 400, /port/],
      ['dash.123', 400, /not an IP address/],
      ['', 400, /is required/],
      [42, 400, /./],
      [`${'a'.repeat(64)}.example.com`, 400, /not a valid domain name/],
    ]
    for (const [hostname, status, message] of cases) {
      const res = await api('POST', '/api/settings/domains', { hostname })
      expect(res.status, String(hostname)).toBe(status)
      const body = res.json()
      expect(body.data.issues, String(hostname)).toEqual([{ path: 'hostname', message: expect.stringMatching(message) }])
      expect(body.message).toContain('hostname')
    }
    expect((await api('POST', '/api/settings/domains', { hostname: 'ok.example.com', extra: 1 })).status).toBe(400)
    expect((await api('POST', '/api/settings/domains', {})).json().data.issues[0].path).toBe('hostname')
    expect((await overview()).domains).toEqual([])
    expect((await api('POST', '/api/settings/domains/not-a-uuid/verify')).status).toBe(400)
    expect((await api('DELETE', '/api/settings/domains/00000000-0000-7000-8000-000000000000')).status).toBe(404)
  })

  it('a member (no settings permission) gets 403 on the list and on every write', async () => {
    const { builtIn } = await overview()
    const writes: [string, string, unknown?][] = [
      ['GET', '/api/settings/domains'],
      ['POST', '/api/settings/domains', { hostname: 'member.soylent.test' }],
      ['POST', `/api/settings/domains/${builtIn.id}/verify`],
      ['PUT', `/api/settings/domains/${builtIn.id}/primary`],
      ['DELETE', `/api/settings/domains/${builtIn.id}`],
      ['PUT', '/api/settings/domains/redirect', { enabled: true }],
    ]
    for (const [method, path, body] of writes) {
      const res = await api(method, path, body, member)
      expect(res.status, `${method} ${path}`).toBe(403)
      expect(res.json().data.code).toBe('FORBIDDEN')
    }
    expect((await hit(port, HOST, '/api/settings/domains')).status).toBe(401)
    expect(await overview()).toMatchObject({ domains: [], redirectToPrimary: false, builtIn: { isPrimary: true } })
  })

  it('a plan without custom domains shows why, and the API refuses to add one with 403', async () => {
    const globex = await signIn(port, 'globex.localhost', 'admin@globex.test')
    const list = await hit(port, 'globex.localhost', '/api/settings/domains', { headers: { cookie: globex } })
    expect(list.json()).toMatchObject({ available: false, domains: [], builtIn: { hostname: 'globex.localhost' } })
    const res = await hit(port, 'globex.localhost', '/api/settings/domains', { method: 'POST', body: { hostname: 'dash.globex.test' }, headers: { cookie: globex } })
    expect(res.status).toBe(403)
    expect(res.json()).toMatchObject({ data: { code: 'PLAN_UPGRADE_REQUIRED' }, message: expect.stringContaining('not included in the Starter plan') })
    expect((await hit(port, 'globex.localhost', '/api/settings/domains', { headers: { cookie: globex } })).json().domains).toEqual([])
  })

  it('a verified domain becomes primary; page visits elsewhere redirect there (308), API calls never', async () => {
    const domain = `www-${name}.soylent.test`
    const row = (await api('POST', '/api/settings/domains', { hostname: domain })).json<CustomDomainRow>()
    const pending = (await api('POST', '/api/settings/domains', { hostname: `later-${name}.soylent.test` })).json<CustomDomainRow>()
    const refused = await api('PUT', `/api/settings/domains/${pending.id}/primary`)
    expect(refused.status).toBe(409)
    expect(refused.json().message).toMatch(/not verified yet/)

    await setTxt(row.dns.txt.name, [row.dns.txt.value])
    expect((await api('POST', `/api/settings/domains/${row.id}/verify`)).json().status).toBe('verified')
    const primary = await api('PUT', `/api/settings/domains/${row.id}/primary`)
    expect(primary.status).toBe(200)
    expect(primary.json<DomainsOverview>().builtIn.isPrimary).toBe(false)
    expect(primary.json<DomainsOverview>().domains.find(d => d.id === row.id)?.isPrimary).toBe(true)

    // Switch off: both addresses serve the workspace.
    expect((await hit(port, HOST, '/login', { headers: html })).status).toBe(200)
    const on = await api('PUT', '/api/settings/domains/redirect', { enabled: true })
    expect(on.json()).toEqual({ redirectToPrimary: true })
    const redirected = await hit(port, HOST, '/login?next=%2Fsettings', { headers: html })
    expect(redirected.status).toBe(308)
    expect(redirected.headers.location).toBe(`http://${domain}/login?next=%2Fsettings`)
    // The primary itself serves; the API on the other host answers in place; so do non-HTML GETs.
    expect((await hit(port, domain, '/login', { headers: html })).status).toBe(200)
    expect((await api('GET', '/api/settings/domains')).status).toBe(200)
    expect((await hit(port, HOST, '/api/site', { headers: html })).status).toBe(200)
    expect((await hit(port, HOST, '/login', { method: 'POST', headers: html })).status).not.toBe(308)

    // Removing the primary domain hands primary back to the built-in address.
    expect((await api('DELETE', `/api/settings/domains/${row.id}`)).status).toBe(204)
    expect((await overview()).builtIn.isPrimary).toBe(true)
    expect((await hit(port, HOST, '/login', { headers: html })).status).toBe(200)
    expect((await api('PUT', '/api/settings/domains/redirect', { enabled: false })).status).toBe(200)
    expect((await api('DELETE', `/api/settings/domains/${pending.id}`)).status).toBe(204)
    await clearTxt(row.dns.txt.name)
  })

  it('with the Vercel adapter on, adding and removing call Vercel; when Vercel refuses, nothing changes here', async () => {
    const domain = `vercel-${name}.soylent.test`
    const before = (await vercelCalls()).length
    const row = (await api('POST', '/api/settings/domains', { hostname: domain })).json<CustomDomainRow>()
    expect((await api('DELETE', `/api/settings/domains/${row.id}`)).status).toBe(204)
    const calls = (await vercelCalls()).slice(before)
    expect(calls).toEqual([
      { method: 'POST', path: `/v10/projects/${TEST_VERCEL.projectId}/domains`, teamId: TEST_VERCEL.teamId, authorization: `Bearer ${TEST_VERCEL.token}`, body: { name: domain } },
      { method: 'DELETE', path: `/v9/projects/${TEST_VERCEL.projectId}/domains/${domain}`, teamId: TEST_VERCEL.teamId, authorization: `Bearer ${TEST_VERCEL.token}`, body: null },
    ])

    // Vercel refuses the domain: 502 with its reason, and no row is saved.
    const refused = await api('POST', '/api/settings/domains', { hostname: `vercel-rejects-${name}.soylent.test` })
    expect(refused.status).toBe(502)
    expect(refused.json()).toMatchObject({ data: { code: 'DOMAIN_PROVIDER_FAILED' }, message: expect.stringContaining('You don\'t have permission to add') })
    expect((await overview()).domains).toEqual([])

    // Vercel fails to remove one: 502, and the domain stays listed here (still removable later).
    const sticky = (await api('POST', '/api/settings/domains', { hostname: `vercel-sticky-${name}.soylent.test` })).json<CustomDomainRow>()
    const kept = await api('DELETE', `/api/settings/domains/${sticky.id}`)
    expect(kept.status).toBe(502)
    expect(kept.json().message).toContain('Vercel is having a moment')
    expect((await overview()).domains.map(d => d.hostname)).toEqual([`vercel-sticky-${name}.soylent.test`])
  })
})

describe('automatic re-check, seen at once by every instance sharing Redis (PostgreSQL)', () => {
  const a = servers().find(s => s.name === 'postgres')!
  const b = servers().find(s => s.name === 'postgres-b')!
  let admin: string
  const domain = 'auto.soylent.test'

  beforeAll(async () => {
    admin = await signIn(a.port, HOST, 'admin@soylent.test')
  })
  afterAll(async () => {
    await clearTxt(`_atrium-challenge.${domain}`)
  })

  it('a pending domain verifies on its own once its TXT record appears; instance B serves it at once', async () => {
    const row = (await hit(a.port, HOST, '/api/settings/domains', { method: 'POST', body: { hostname: domain }, headers: { cookie: admin } })).json<CustomDomainRow>()
    // B looks first and remembers, in its own miss cache, that nothing is served here.
    expect((await hit(b.port, domain, '/api/site')).status).toBe(404)
    expect((await hit(b.port, '127.0.0.1', `/api/tls/ask?domain=${domain}`)).status).toBe(404)

    await setTxt(row.dns.txt.name, [row.dns.txt.value])
    // What the scheduled `domains:recheck` task runs, triggered now by the platform operator.
    const run = await platformApi(a.port, 'POST', '/domains/recheck')
    expect(run.status, run.body).toBe(200)
    expect(run.json().verified).toContain(domain)
    // A second run right after claims nothing already checked in this interval.
    expect((await platformApi(a.port, 'POST', '/domains/recheck')).json().verified).toEqual([])

    await expect.poll(async () => (await hit(b.port, domain, '/api/site')).status, { timeout: 2000, interval: 50 }).toBe(200)
    expect((await hit(b.port, '127.0.0.1', `/api/tls/ask?domain=${domain}`)).status).toBe(200)
    const audit = (await hit(a.port, HOST, `/api/audit?action=domain.verified`, { headers: { cookie: admin } })).json()
    expect(audit.items[0]).toMatchObject({ action: 'domain.verified', entityId: row.id })

    // Removed on A: B stops serving it on its next request (the shared cache entry is gone).
    expect((await hit(a.port, HOST, `/api/settings/domains/${row.id}`, { method: 'DELETE', headers: { cookie: admin } })).status).toBe(204)
    expect((await hit(b.port, domain, '/api/site')).status).toBe(404)
    expect((await hit(b.port, '127.0.0.1', `/api/tls/ask?domain=${domain}`)).status).toBe(404)
  })
})
