import { afterAll, describe, expect, it } from 'vitest'
import { hit, platformApi, servers, serversPerDriver, timing } from '../support/http'

describe.each(serversPerDriver())('tenant cache on $name', ({ port }) => {
  it('a warm lookup runs no SQL', async () => {
    await hit(port, 'globex.localhost', '/api/site') // warm it
    const warm = await hit(port, 'globex.localhost', '/api/site')
    expect(timing(warm, 'tenant')).toBe('hit')
    expect(timing(warm, 'tenant-sql')).toBe('0')
  })

  it('a cold lookup reads the database once, then caches', async () => {
    // Changing the theme invalidates the tenant, so the next lookup is cold.
    await platformApi(port, 'PATCH', '/tenants/globex/theme', { radius: '0.75' })
    const cold = await hit(port, 'globex.localhost', '/api/site')
    expect(timing(cold, 'tenant')).toBe('miss')
    expect(Number(timing(cold, 'tenant-sql'))).toBeGreaterThan(0)
    const warm = await hit(port, 'globex.localhost', '/api/site')
    expect(timing(warm, 'tenant-sql')).toBe('0')
  })

  it('a theme change is visible on the next request', async () => {
    const before = await hit(port, 'globex.localhost', '/login')
    expect(before.body).toContain('--color-brand-500:#7c3aed')
    try {
      expect((await platformApi(port, 'PATCH', '/tenants/globex/theme', { primary: '#0891B2' })).status).toBe(200)
      const after = await hit(port, 'globex.localhost', '/login')
      expect(after.body).toContain('--color-brand-500:#0891b2')
      expect(after.body).not.toContain('--color-brand-500:#7c3aed')
    }
    finally {
      await platformApi(port, 'PATCH', '/tenants/globex/theme', { primary: '#7c3aed' })
    }
  })

  it('a new domain answers on the next request, even right after it was a cached miss', async () => {
    const host = `portal-${port}.globex-test.example`
    expect((await hit(port, host, '/api/site')).status).toBe(404) // now cached as unknown
    const added = await platformApi(port, 'POST', '/tenants/globex/domains', { hostname: host, verified: true })
    expect(added.status).toBe(201)
    const after = await hit(port, host, '/api/site')
    expect(after.status).toBe(200)
    expect(after.json().tenant.slug).toBe('globex')

    expect((await platformApi(port, 'DELETE', `/tenants/globex/domains/${host}`)).status).toBe(204)
    expect((await hit(port, host, '/api/site')).status).toBe(404)
  })

  it('an unverified custom domain does not answer', async () => {
    const host = `pending-${port}.globex-test.example`
    expect((await platformApi(port, 'POST', '/tenants/globex/domains', { hostname: host })).status).toBe(201)
    try {
      expect((await hit(port, host, '/')).status).toBe(404)
    }
    finally {
      await platformApi(port, 'DELETE', `/tenants/globex/domains/${host}`)
    }
  })

  it('suspending a tenant takes effect on the next request; reactivating restores it', async () => {
    expect((await platformApi(port, 'PATCH', '/tenants/globex', { status: 'suspended' })).status).toBe(200)
    try {
      expect((await hit(port, 'globex.localhost', '/')).status).toBe(403)
      expect((await hit(port, 'globex.localhost', '/api/overview')).status).toBe(403)
    }
    finally {
      await platformApi(port, 'PATCH', '/tenants/globex', { status: 'active' })
    }
    expect((await hit(port, 'globex.localhost', '/login')).status).toBe(200)
  })

  it('a flood of random hosts is answered from a bounded miss cache', async () => {
    const hosts = Array.from({ length: 50 }, (_, i) => `random-${i}-${port}.localhost`)
    for (const host of hosts) expect((await hit(port, host, '/api/site')).status).toBe(404)
    const again = await hit(port, hosts[0]!, '/api/site')
    expect(again.status).toBe(404)
    expect(timing(again, 'tenant-sql')).toBe('0')
  })
})

describe('two app instances sharing Redis', () => {
  const [a, b] = servers().filter(s => s.redis)
  afterAll(async () => {
    await platformApi(a!.port, 'PATCH', '/tenants/acme/theme', { primary: '#ea580c' })
  })

  it('a theme saved through one instance is served by the other on its next request', async () => {
    await hit(b!.port, 'acme.localhost', '/api/site') // B has acme cached
    expect((await platformApi(a!.port, 'PATCH', '/tenants/acme/theme', { primary: '#be123c' })).status).toBe(200)
    const onB = await hit(b!.port, 'acme.localhost', '/login')
    expect(onB.body).toContain('--color-brand-500:#be123c')
  })
})
