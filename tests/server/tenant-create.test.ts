import { describe, expect, it } from 'vitest'
import { hit, platformApi, serversPerDriver, signIn } from '../support/http'
import { linkToken, waitForMail } from '../support/mail'
import { PLATFORM_TOKEN } from '../support/env'

describe.each(serversPerDriver())('creating a workspace on $name', ({ port, name }) => {
  const slug = `newco-${name}`
  const valid = { name: 'NewCo Industries', slug, plan: 'pro', adminEmail: `founder@${slug}.test` }
  const countMatching = async (search: string) => (await platformApi(port, 'GET', `/tenants?search=${search}`)).json().total as number

  it('refuses bad slugs, a taken slug, an unknown plan and a bad email, naming the field and creating nothing', async () => {
    const cases: [Record<string, unknown>, number, string, RegExp][] = [
      [{ slug: 'BigCo' }, 400, 'slug', /lowercase/],
      [{ slug: 'big co' }, 400, 'slug', /no spaces/],
      [{ slug: 'admin' }, 400, 'slug', /reserved/],
      [{ slug: 'api' }, 400, 'slug', /reserved/],
      [{ slug: 'www' }, 400, 'slug', /reserved/],
      [{ slug: '-edge' }, 400, 'slug', /start and end/],
      [{ slug: 'acme' }, 409, 'slug', /already taken/],
      [{ plan: 'platinum' }, 400, 'plan', /not a plan/],
      [{ adminEmail: 'not-an-email' }, 400, 'adminEmail', /email address/],
    ]
    for (const [change, status, field, message] of cases) {
      const res = await platformApi(port, 'POST', '/tenants', { ...valid, ...change })
      expect(res.status, JSON.stringify(change)).toBe(status)
      expect(res.json().data.issues[0].path).toBe(field)
      expect(res.json().data.issues[0].message).toMatch(message)
    }
    expect(await countMatching(slug)).toBe(0)
    expect((await hit(port, `${slug}.localhost`, '/api/site')).status).toBe(404)
  })

  it('lists the plans to choose from, only for platform operators', async () => {
    const plans = (await platformApi(port, 'GET', '/plans')).json() as { key: string, limits: { seats: number | null } }[]
    expect(plans.map(p => p.key)).toEqual(expect.arrayContaining(['starter', 'pro', 'enterprise']))
    expect(plans.find(p => p.key === 'starter')!.limits.seats).toBe(5)
    expect((await hit(port, 'acme.localhost', '/api/platform/plans')).status).toBe(404)
    expect((await hit(port, 'localhost', '/api/platform/plans')).status).toBe(401)
  })

  it('tells the form whether a slug is free as the operator types', async () => {
    expect((await platformApi(port, 'GET', '/tenants/slug-check?slug=acme')).json()).toEqual({ slug: 'acme', available: false, reason: 'is already taken' })
    expect((await platformApi(port, 'GET', '/tenants/slug-check?slug=status')).json()).toMatchObject({ available: false, reason: 'is reserved for the platform' })
    expect((await platformApi(port, 'GET', `/tenants/slug-check?slug=${slug}`)).json()).toEqual({ slug, available: true, reason: null })
  })

  it('creates the workspace on its plan, live at its subdomain at once; its first admin is invited from there and signs in', async () => {
    const since = Date.now()
    // As a browser on the platform domain would send it, port and all: the new address keeps them.
    const res = await hit(port, `localhost:${port}`, '/api/platform/tenants', { method: 'POST', body: valid, headers: { authorization: `Bearer ${PLATFORM_TOKEN}` } })
    expect(res.status).toBe(201)
    expect(res.json()).toMatchObject({ slug, name: 'NewCo Industries', plan: { key: 'pro' }, url: `http://${slug}.localhost:${port}` })

    const site = await hit(port, `${slug}.localhost`, '/api/site')
    expect(site.status).toBe(200)
    expect(site.json().tenant).toMatchObject({ name: 'NewCo Industries', plan: { key: 'pro' } })

    const mail = await waitForMail(valid.adminEmail, since)
    expect(mail.subject).toMatch(/invited you to NewCo Industries/)
    expect(mail.text).toContain(`http://${slug}.localhost:${port}/accept-invitation?token=`)
    const accepted = await hit(port, `${slug}.localhost`, '/api/auth/accept-invitation', { method: 'POST', body: { token: linkToken(mail), name: 'Nora Founder', password: 'Founding-pass-2026' } })
    expect(accepted.status).toBe(200)
    const admin = await signIn(port, `${slug}.localhost`, valid.adminEmail, 'Founding-pass-2026')
    const me = await hit(port, `${slug}.localhost`, '/api/members', { headers: { cookie: admin } })
    expect(me.json().items).toEqual([expect.objectContaining({ email: valid.adminEmail, role: { key: 'admin', name: 'Admin' }, status: 'active' })])
    const audit = (await hit(port, `${slug}.localhost`, '/api/audit?action=tenant.created', { headers: { cookie: admin } })).json()
    expect(audit.items.map((e: { action: string }) => e.action)).toContain('tenant.created')

    // The same slug again is taken.
    expect((await platformApi(port, 'POST', '/tenants', valid)).status).toBe(409)
  })

  it('exists only on the platform domain, for platform operators', async () => {
    expect((await hit(port, 'acme.localhost', '/api/platform/tenants', { method: 'POST', body: valid })).status).toBe(404)
    expect((await hit(port, 'localhost', '/api/platform/tenants', { method: 'POST', body: { ...valid, slug: `${slug}-x` } })).status).toBe(401)
    const tenantAdmin = await signIn(port, 'acme.localhost', 'admin@acme.test')
    expect((await hit(port, 'localhost', '/api/platform/tenants', { method: 'POST', body: { ...valid, slug: `${slug}-x` }, headers: { cookie: tenantAdmin } })).status).toBe(401)
  })
})
