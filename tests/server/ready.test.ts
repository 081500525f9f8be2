import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hit, servers, serversPerDriver } from '../support/http'
import { ownerAccess } from '../support/owner'

const journal = JSON.parse(readFileSync(join(import.meta.dirname, '../../drizzle/migrations/meta/_journal.json'), 'utf8')) as { entries: unknown[] }

describe.each(serversPerDriver())('readiness on $name', ({ port, redis }) => {
  it('is ready on any host, with the database reachable and every migration applied, and says how Redis is', async () => {
    for (const host of ['localhost', 'acme.localhost', 'nobody.example']) {
      const res = await hit(port, host, '/api/ready')
      expect(res.status, host).toBe(200)
      expect(res.json()).toMatchObject({ ready: true, database: { reachable: true }, migrations: { applied: journal.entries.length, expected: journal.entries.length, current: true }, problems: [] })
      expect(res.json()).toMatchObject({ redis: { configured: redis, reachable: redis }, degraded: [] })
      expect(res.headers['cache-control']).toBe('no-store')
    }
  })
})

describe('readiness when the database is behind the code (PostgreSQL)', () => {
  const owner = ownerAccess()
  const pg = servers().find(s => s.name === 'postgres')!

  it('answers 503 naming the missing migration, and 200 again once it is applied', async () => {
    const sql = owner.sql()
    const [newest] = await sql`select id, hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`
    await sql`delete from drizzle.__drizzle_migrations where id = ${newest!.id}`
    try {
      const behind = await hit(pg.port, 'localhost', '/api/ready')
      expect(behind.status).toBe(503)
      expect(behind.json()).toMatchObject({ ready: false, migrations: { applied: journal.entries.length - 1, current: false } })
      expect(behind.json().problems).toEqual([`migrations: ${journal.entries.length - 1} of ${journal.entries.length} applied; run the migrations`])
      // Liveness is a separate question: the process is up.
      expect((await hit(pg.port, 'localhost', '/api/health')).status).toBe(200)
    }
    finally {
      await sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${newest!.id}, ${newest!.hash}, ${newest!.created_at})`
    }
    expect((await hit(pg.port, 'localhost', '/api/ready')).status).toBe(200)
  })
})
