import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../server/database/connect'
import { connectDatabase, rowsOf } from '../../server/database/connect'
import { runMigrations } from '../../server/database/migrate'
import { DEMO_TENANTS, seedDemo } from '../../server/database/seed/demo'

// `npm run dev` seeds on every start: a developer's own changes to a demo tenant must survive it.
describe('seeding the demo again', () => {
  let dir: string
  let handle: DatabaseHandle
  const acme = DEMO_TENANTS.filter(t => t.slug === 'acme').map(t => ({ ...t, usage: false }))
  const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await handle.db.execute(query))

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atrium-seed-'))
    handle = await connectDatabase({ pgliteDir: dir, as: 'owner' })
    await runMigrations(handle)
    await seedDemo(handle.db, acme)
  }, 120_000)
  afterAll(async () => {
    await handle.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('keeps a tenant\'s branding, name and status as they were changed', async () => {
    await handle.db.execute(sql`update tenants set name = 'Acme Renamed', status = 'suspended', theme = jsonb_set(theme, '{primary}', '"#123456"') where slug = 'acme'`)
    await seedDemo(handle.db, acme)
    const [row] = await q<{ name: string, status: string, primary: string }>(sql`select name, status, theme->>'primary' as primary from tenants where slug = 'acme'`)
    expect(row).toEqual({ name: 'Acme Renamed', status: 'suspended', primary: '#123456' })
    // Still one of everything it creates.
    const [counts] = await q<{ tenants: number, domains: number }>(sql`select (select count(*)::int from tenants) as tenants, (select count(*)::int from tenant_domains) as domains`)
    expect(counts).toEqual({ tenants: 1, domains: 1 })
  }, 60_000)
})
