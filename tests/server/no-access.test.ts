import { beforeAll, describe, expect, it } from 'vitest'
import { hit, serversPerDriver, signIn } from '../support/http'

// A page that exists but is beyond the person's role answers 403 and says whom to ask (the
// workspace's admins); a module that is off stays invisible (404), whoever asks. Read-only.
describe.each(serversPerDriver())('pages beyond a role on $name', ({ port }) => {
  const page = (host: string, path: string, cookie: string) => hit(port, host, path, { headers: { cookie, accept: 'text/html' } })
  let viewer: string
  let support: string
  beforeAll(async () => {
    viewer = await signIn(port, 'acme.localhost', 'viewer@acme.test')
    support = await signIn(port, 'acme.localhost', 'support@acme.test')
  })

  it.each([
    ['viewer', '/settings/members'],
    ['viewer', '/accounts/new'],
    ['support', '/deals'],
  ] as const)('%s on %s: 403, "no access" and the admins to ask', async (who, path) => {
    const res = await page('acme.localhost', path, who === 'viewer' ? viewer : support)
    expect(res.status).toBe(403)
    expect(res.body).toContain('You don&#39;t have access to this page')
    expect(res.body).not.toContain('This page does not exist')
    // Whom to ask: the admin, by name and address; nobody else of the member list.
    expect(res.body).toContain('Ada Admin')
    expect(res.body).toContain('mailto:admin@acme.test')
    expect(res.body).not.toContain('manager@acme.test')
  })

  it('the admins are the only members anyone may list, on their own workspace', async () => {
    const res = await hit(port, 'acme.localhost', '/api/members/admins', { headers: { cookie: viewer } })
    expect(res.status).toBe(200)
    const admins = res.json<{ name: string, email: string }[]>()
    expect(admins).toContainEqual({ name: 'Ada Admin', email: 'admin@acme.test' })
    for (const admin of admins) expect(Object.keys(admin).sort()).toEqual(['email', 'name'])
    expect((await hit(port, 'acme.localhost', '/api/members/admins')).status).toBe(401)
    // An acme session is nothing on globex.
    expect((await hit(port, 'globex.localhost', '/api/members/admins', { headers: { cookie: viewer } })).status).toBe(401)
  })

  it('a module that is off stays a 404, with or without the permission', async () => {
    // Globex's plan leaves analytics out; its viewer lacks analytics:read too.
    const globexViewer = await signIn(port, 'globex.localhost', 'viewer@globex.test')
    const off = await page('globex.localhost', '/analytics', globexViewer)
    expect(off.status).toBe(404)
    expect(off.body).toContain('This page does not exist')
    expect(off.body).not.toContain('admin@globex.test')
  })
})
