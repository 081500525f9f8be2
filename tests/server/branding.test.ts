import { describe, expect, it } from 'vitest'
import { hit, servers, serversPerDriver, signIn } from '../support/http'
import { multipart, pngImage } from '../support/images'
import { waitForMail } from '../support/mail'

// Wayne (enterprise) is this file's own tenant for brand and general settings; Tyrell (the Tiny
// plan, 1 MB of storage) for the storage limit. Acme is only read, and refused.
const WAYNE = 'wayne.localhost'

const upload = (port: number, host: string, cookie: string, kind: string, name: string, type: string, data: Buffer) => {
  const { body, contentType } = multipart('file', name, type, data)
  return hit(port, host, `/api/settings/branding/assets?kind=${kind}`, { method: 'POST', body, headers: { cookie, 'content-type': contentType } })
}
const brandVar = (html: string) => /--color-brand-500:(#[0-9a-f]{6})/.exec(html)?.[1]

describe.each(serversPerDriver())('branding on $name', (server) => {
  const { port } = server
  const get = (path: string, cookie: string, host = WAYNE) => hit(port, host, path, { headers: { cookie } })
  const put = (path: string, body: unknown, cookie: string, host = WAYNE) => hit(port, host, path, { method: 'PUT', body, headers: { cookie } })

  it('uploads a logo, serves it only on the tenant\'s own host, and saves it with the brand', async () => {
    const admin = await signIn(port, WAYNE, 'admin@wayne.test')
    const png = pngImage(64, 64, [29, 78, 216])
    const res = await upload(port, WAYNE, admin, 'logo', 'logo.png', 'image/png', png)
    expect(res.status).toBe(200)
    const asset = res.json()
    expect(asset).toMatchObject({ type: 'png', width: 64, height: 64, bytes: png.length })
    expect(asset.path).toMatch(/^\/assets\/brand\/[0-9a-f-]{36}\/[0-9a-f]{24}\.png$/)

    const served = await hit(port, WAYNE, asset.path)
    expect(served.status).toBe(200)
    expect(served.headers['content-type']).toBe('image/png')
    expect(served.headers['x-content-type-options']).toBe('nosniff')
    expect((await hit(port, 'acme.localhost', asset.path)).status).toBe(404)

    const { theme } = (await get('/api/settings/branding', admin)).json()
    const saved = await put('/api/settings/branding', { ...theme, logo: asset.path, loginHeadline: 'Wayne, at your service' }, admin)
    expect(saved.status).toBe(200)
    const site = (await hit(port, WAYNE, '/api/site')).json()
    expect(site.tenant.theme.logo).toBe(asset.path)
    const login = await hit(port, WAYNE, '/login')
    expect(login.body).toContain('Wayne, at your service')
    expect(login.body).toContain(asset.path)
  })

  it('refuses wrong types, oversized and undersized images, and SVGs that run or fetch anything, naming the field', async () => {
    const admin = await signIn(port, WAYNE, 'admin@wayne.test')
    const text = await upload(port, WAYNE, admin, 'logo', 'notes.txt', 'text/plain', Buffer.from('just some text, not an image'))
    expect(text.status).toBe(415)
    expect(text.json().data).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', issues: [{ path: 'file' }] })

    const disguised = await upload(port, WAYNE, admin, 'logo', 'logo.jpg', 'image/jpeg', pngImage(32, 32))
    expect(disguised.status).toBe(415)
    expect(disguised.json().message).toMatch(/says it is image\/jpeg but its content is PNG/)

    const huge = await upload(port, WAYNE, admin, 'favicon', 'big.png', 'image/png', pngImage(32, 32, [1, 2, 3], 200 * 1024))
    expect(huge.status).toBe(413)
    expect(huge.json().data.code).toBe('PAYLOAD_TOO_LARGE')

    const tiny = await upload(port, WAYNE, admin, 'logo', 'dot.png', 'image/png', pngImage(8, 8))
    expect(tiny.status).toBe(422)
    expect(tiny.json().message).toMatch(/between 16 and 2048 pixels .* 8×8/)

    const scripted = '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" onload="alert(1)"><script>alert(document.cookie)</script><rect width="32" height="32"/></svg>'
    const script = await upload(port, WAYNE, admin, 'logo', 'evil.svg', 'image/svg+xml', Buffer.from(scripted))
    expect(script.status).toBe(422)
    expect(script.json().message).toMatch(/<script>/)
    const external = '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"><image href="https://tracker.example/pixel.png" width="32" height="32"/></svg>'
    const fetches = await upload(port, WAYNE, admin, 'logo', 'pixel.svg', 'image/svg+xml', Buffer.from(external))
    expect(fetches.status).toBe(422)
    expect(fetches.json().message).toMatch(/tracker\.example/)

    // A clean SVG passes and is served so that, even opened directly, it can run nothing.
    const clean = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><circle cx="24" cy="24" r="20" fill="#1d4ed8"/></svg>'
    const ok = await upload(port, WAYNE, admin, 'favicon', 'icon.svg', 'image/svg+xml', Buffer.from(clean))
    expect(ok.status).toBe(200)
    const served = await hit(port, WAYNE, ok.json().path)
    expect(served.headers['content-type']).toBe('image/svg+xml')
    expect(served.headers['content-security-policy']).toContain('default-src \'none\'')
    expect(served.body).toContain('<circle')
  })

  it('refuses a bad brand as a whole, naming each field, and leaves the saved one as it was', async () => {
    const admin = await signIn(port, WAYNE, 'admin@wayne.test')
    const before = (await get('/api/settings/branding', admin)).json().theme
    const bad = await put('/api/settings/branding', { ...before, primary: 'orange', radius: '3' }, admin)
    expect(bad.status).toBe(400)
    expect(bad.json().data.issues.map((i: { path: string }) => i.path).sort()).toEqual(['primary', 'radius'])

    // A path that is not one of this workspace's uploads (another tenant's, or made up) is refused.
    const acmeSite = (await hit(port, 'acme.localhost', '/api/site')).json()
    const foreign = await put('/api/settings/branding', { ...before, logo: `/assets/brand/${acmeSite.tenant.id}/${'a'.repeat(24)}.png` }, admin)
    expect(foreign.status).toBe(400)
    expect(foreign.json().data.issues).toEqual([{ path: 'logo', message: 'must be an image uploaded to this workspace' }])
    expect((await get('/api/settings/branding', admin)).json().theme).toEqual(before)
  })

  it('hides "powered by" only where the plan allows it', async () => {
    const wayneAdmin = await signIn(port, WAYNE, 'admin@wayne.test')
    const theme = (await get('/api/settings/branding', wayneAdmin)).json().theme
    expect((await put('/api/settings/branding', { ...theme, hidePoweredBy: true }, wayneAdmin)).status).toBe(200)
    expect((await hit(port, WAYNE, '/login')).body).not.toContain('Powered by')
    expect((await put('/api/settings/branding', { ...theme, hidePoweredBy: false }, wayneAdmin)).status).toBe(200)
    expect((await hit(port, WAYNE, '/login')).body).toContain('Powered by')

    const acmeAdmin = await signIn(port, 'acme.localhost', 'admin@acme.test')
    const acmeTheme = (await get('/api/settings/branding', acmeAdmin, 'acme.localhost')).json().theme
    const refused = await put('/api/settings/branding', { ...acmeTheme, hidePoweredBy: true }, acmeAdmin, 'acme.localhost')
    expect(refused.status).toBe(403)
    expect(refused.json().data.issues).toEqual([{ path: 'hidePoweredBy', message: 'not part of the plan' }])
  })

  it('stops an upload that would pass the plan\'s storage, storing nothing', async () => {
    const admin = await signIn(port, 'tyrell.localhost', 'admin@tyrell.test')
    // Tiny allows 1 MB: two different 600 KB backgrounds do not fit.
    const first = await upload(port, 'tyrell.localhost', admin, 'loginBackground', 'a.png', 'image/png', pngImage(400, 300, [10, 20, 30], 600 * 1024))
    expect(first.status).toBe(200)
    const second = await upload(port, 'tyrell.localhost', admin, 'loginBackground', 'b.png', 'image/png', pngImage(400, 300, [40, 50, 60], 600 * 1024))
    expect(second.status).toBe(409)
    expect(second.json()).toMatchObject({ data: { code: 'PLAN_LIMIT', issues: [{ path: 'file' }] } })
    expect(second.json().message).toMatch(/1 MB of storage/)
    const plan = (await get('/api/settings/plan', admin, 'tyrell.localhost')).json()
    expect(JSON.stringify(plan)).toContain(String(first.json().bytes))
    // The same file again costs nothing: it is stored once, by its content.
    expect((await upload(port, 'tyrell.localhost', admin, 'loginBackground', 'a-again.png', 'image/png', pngImage(400, 300, [10, 20, 30], 600 * 1024))).status).toBe(200)
  })

  it('general settings: validated field by field, applied to the workspace at once', async () => {
    const admin = await signIn(port, WAYNE, 'admin@wayne.test')
    const current = (await get('/api/settings/general', admin)).json()
    expect(current).toMatchObject({ name: 'Wayne Enterprises', timeZone: 'UTC', locale: 'en-US', currency: 'USD' })
    const bad = await put('/api/settings/general', { ...current, timeZone: 'Gotham/Downtown', currency: 'BTC', weekStartsOn: 3, name: ' ' }, admin)
    expect(bad.status).toBe(400)
    expect(bad.json().data.issues.map((i: { path: string }) => i.path).sort()).toEqual(['currency', 'name', 'timeZone', 'weekStartsOn'])
    expect((await get('/api/settings/general', admin)).json()).toEqual(current)

    const next = { ...current, timeZone: 'America/New_York', locale: 'en-GB', currency: 'EUR', dateFormat: 'DD/MM/YYYY', timeFormat: '12h', weekStartsOn: 0 }
    expect((await put('/api/settings/general', next, admin)).status).toBe(200)
    const site = (await hit(port, WAYNE, '/api/site')).json()
    expect(site.tenant.preferences).toEqual({ timeZone: 'America/New_York', locale: 'en-GB', currency: 'EUR', dateFormat: 'DD/MM/YYYY', timeFormat: '12h', weekStartsOn: 0, workingHours: current.workingHours, slaHours: current.slaHours, reportsToAnyone: false })
    // Pages print dates in the workspace's zone and pattern: the audit log shows this change.
    const audit = await get('/settings/audit', admin)
    expect(audit.body).toMatch(/\d{2}\/\d{2}\/\d{4} \d{1,2}:\d{2}\s?[ap]m E[SD]T/i)
    expect((await put('/api/settings/general', current, admin)).status).toBe(200)
  })

  it('email templates: unknown variables refused, the tenant\'s text sent, reset to default', async () => {
    const admin = await signIn(port, WAYNE, 'admin@wayne.test')
    const list = (await get('/api/settings/email-templates', admin)).json()
    expect(list.map((t: { kind: string }) => t.kind)).toEqual(['invitation', 'password_reset'])
    expect(list[0]).toMatchObject({ isDefault: true, variables: ['workspace', 'inviter', 'email', 'link', 'expires'] })

    const typo = await put('/api/settings/email-templates/invitation', { subject: 'Join {{workspace}}', body: 'Hello {{nmae}}' }, admin)
    expect(typo.status).toBe(400)
    expect(typo.json().data.issues[0]).toMatchObject({ path: 'body' })
    expect(typo.json().message).toMatch(/\{\{nmae\}\}/)
    expect((await hit(port, WAYNE, '/api/settings/email-templates/welcome', { method: 'PUT', body: { subject: 'x', body: 'y' }, headers: { cookie: admin } })).status).toBe(400)

    const own = { subject: '{{inviter}} wants you in the Batcave ({{workspace}})', body: 'Suit up, {{email}}.\n\nThis link lasts {{expires}}.' }
    expect((await put('/api/settings/email-templates/invitation', own, admin)).status).toBe(200)
    const since = Date.now()
    const email = `robin-${server.name}-${since}@wayne.test`
    const invite = await hit(port, WAYNE, '/api/members/invitations', { method: 'POST', body: { email, role: 'member' }, headers: { cookie: admin } })
    expect(invite.status).toBe(201)
    const mail = await waitForMail(email, since)
    expect(mail.subject).toMatch(/wants you in the Batcave \(Wayne Enterprises\)$/)
    expect(mail.text).toContain(`Suit up, ${email}.`)
    expect(mail.text).toContain('This link lasts 7 days.')
    expect(mail.html).toContain('Accept invitation')

    expect((await hit(port, WAYNE, '/api/settings/email-templates/invitation', { method: 'DELETE', headers: { cookie: admin } })).status).toBe(200)
    expect((await get('/api/settings/email-templates', admin)).json()[0]).toMatchObject({ isDefault: true, subject: '{{inviter}} invited you to {{workspace}}' })
  })

  it('members change none of these settings', async () => {
    const member = await signIn(port, WAYNE, 'member@wayne.test')
    const admin = await signIn(port, WAYNE, 'admin@wayne.test')
    const theme = (await hit(port, WAYNE, '/api/site')).json().tenant.theme
    expect((await put('/api/settings/branding', theme, member)).status).toBe(403)
    expect((await upload(port, WAYNE, member, 'logo', 'l.png', 'image/png', pngImage(32, 32))).status).toBe(403)
    const general = (await get('/api/settings/general', admin)).json()
    expect((await put('/api/settings/general', general, member)).status).toBe(403)
    expect((await put('/api/settings/email-templates/invitation', { subject: 'a', body: 'b' }, member)).status).toBe(403)
    expect((await hit(port, WAYNE, '/api/settings/email-templates/invitation', { method: 'DELETE', headers: { cookie: member } })).status).toBe(403)
  })
})

describe('a saved brand reaches every app instance (PostgreSQL, shared Redis)', () => {
  it('the primary colour an admin saves on one instance is what a member gets on the next load on another', async () => {
    const a = servers().find(s => s.name === 'postgres')!
    const b = servers().find(s => s.name === 'postgres-b')!
    const admin = await signIn(a.port, WAYNE, 'admin@wayne.test')
    const member = await signIn(b.port, WAYNE, 'member@wayne.test')
    // The member's instance has the brand cached before the change.
    const before = brandVar((await hit(b.port, WAYNE, '/', { headers: { cookie: member } })).body)
    expect(before).toBeDefined()
    const theme = (await hit(a.port, WAYNE, '/api/settings/branding', { headers: { cookie: admin } })).json().theme
    const primary = before === '#0e7490' ? '#7e22ce' : '#0e7490'
    expect((await hit(a.port, WAYNE, '/api/settings/branding', { method: 'PUT', body: { ...theme, primary }, headers: { cookie: admin } })).status).toBe(200)
    const after = brandVar((await hit(b.port, WAYNE, '/', { headers: { cookie: member } })).body)
    expect(after).toBe(primary)
  })
})
