import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../server/database/connect'
import { APP_ROLE, connectDatabase, rowsOf } from '../../server/database/connect'
import { runMigrations } from '../../server/database/migrate'
import { DEMO_TENANTS, seedDemo } from '../../server/database/seed/demo'

// purge_tenant() (migration 0021), the privileged path of the `tenant-purge` job, on the embedded
// database: migrated and seeded here as the owner, then called as the app role, as the job does.
// (On PostgreSQL, tests/server/tenant-lifecycle.test.ts drives the whole job over HTTP.)
describe('purge_tenant() on PGlite', () => {
  let dir: string
  let handle: DatabaseHandle
  const ids: Record<string, string> = {}
  const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await handle.db.execute(query))
  const purge = (slug: string) => q<{ counts: Record<string, number> | null }>(sql`select purge_tenant(${ids[slug]!}::uuid, ${randomUUID()}::uuid) as counts`).then(r => r[0]!.counts)

  /** Rows per table with a tenant_id column, for one tenant (read as the owner). */
  async function rowsOfTenant(tenantId: string): Promise<Record<string, number>> {
    const tables = await q<{ table: string }>(sql`select table_name as table from information_schema.columns
      where table_schema = 'public' and column_name = 'tenant_id' order by 1`)
    const out: Record<string, number> = {}
    for (const { table } of tables) {
      const [row] = await q<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)} where tenant_id = ${tenantId}::uuid`)
      out[table] = row!.n
    }
    return out
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atrium-purge-'))
    handle = await connectDatabase({ pgliteDir: dir, as: 'owner' })
    await runMigrations(handle)
    // Usage history only where it is purged (it is the slow part of the seed).
    await seedDemo(handle.db, DEMO_TENANTS.map(t => ({ ...t, usage: t.slug === 'globex' })))
    for (const r of await q<{ slug: string, id: string }>(sql`select slug, id from tenants`)) ids[r.slug] = r.id
    // An impersonation grant (no foreign key to tenants) must go too.
    const [admin] = await q<{ id: string }>(sql`select id from platform_admins limit 1`)
    const [user] = await q<{ id: string }>(sql`select id from users where tenant_id = ${ids.globex!}::uuid limit 1`)
    await handle.db.execute(sql`insert into impersonations (id, admin_id, tenant_id, user_id, reason, handoff_token_hash, expires_at)
      values (${randomUUID()}::uuid, ${admin!.id}::uuid, ${ids.globex!}::uuid, ${user!.id}::uuid, 'support', 'hash-1', now() + interval '1 hour')`)
    await handle.db.execute(sql`update tenants set deleted_at = now() - interval '31 days', purge_at = now() - interval '1 day' where slug = 'globex'`)
    await handle.db.execute(sql`update tenants set deleted_at = now(), purge_at = now() + interval '30 days' where slug = 'initech'`)
    await handle.db.execute(sql`update tenants set deletion_requested_at = now() - interval '31 days', deletion_due_at = now() - interval '1 hour' where slug = 'umbrella'`)
    await handle.db.execute(sql.raw(`SET ROLE ${APP_ROLE}`))
  }, 120_000)
  afterAll(async () => {
    await handle?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('the app role may not delete audit entries itself', async () => {
    await expect(handle.db.execute(sql`delete from audit_log`)).rejects.toThrow()
  })

  it('removes every row of a tenant whose purge is due, records it in the platform log, and touches no other tenant', async () => {
    await handle.db.execute(sql.raw('RESET ROLE'))
    const acmeBefore = await rowsOfTenant(ids.acme!)
    const globexBefore = await rowsOfTenant(ids.globex!)
    await handle.db.execute(sql.raw(`SET ROLE ${APP_ROLE}`))
    expect(globexBefore.users).toBeGreaterThan(0)
    expect(globexBefore.usage_daily).toBeGreaterThan(0)
    expect(globexBefore.impersonations).toBe(1)

    const counts = await purge('globex')
    expect(counts).toMatchObject({ users: globexBefore.users, impersonations: 1 })
    // A second call (another instance, a retry) finds nothing to do.
    expect(await purge('globex')).toBeNull()

    await handle.db.execute(sql.raw('RESET ROLE'))
    const after = await rowsOfTenant(ids.globex!)
    const { platform_audit_log: kept, ...rest } = after
    expect(Object.values(rest).every(n => n === 0), JSON.stringify(rest)).toBe(true)
    expect(kept).toBeGreaterThan(0)
    expect(await q(sql`select 1 from tenants where id = ${ids.globex!}::uuid`)).toHaveLength(0)
    expect(await q(sql`select 1 from platform_audit_log where tenant_id = ${ids.globex!}::uuid and action = 'tenant.purged'`)).toHaveLength(1)
    expect(await rowsOfTenant(ids.acme!)).toEqual(acmeBefore)
    await handle.db.execute(sql.raw(`SET ROLE ${APP_ROLE}`))
  })

  it('purges a tenant whose own deletion request is due, but neither one in its grace period nor an active one', async () => {
    expect(await purge('initech')).toBeNull()
    expect(await purge('acme')).toBeNull()
    expect(await purge('umbrella')).toMatchObject({ users: expect.any(Number) })
    expect(await q(sql`select slug from tenants order by slug`)).toEqual([{ slug: 'acme' }, { slug: 'initech' }])
  })

  it('runs as its owner with a fixed search_path, and only the app role may call it', async () => {
    await handle.db.execute(sql.raw('RESET ROLE'))
    const [fn] = await q<{ definer: boolean, config: string[], acl: string }>(sql`
      select prosecdef as definer, proconfig as config, proacl::text as acl from pg_proc where proname = 'purge_tenant'`)
    expect(fn!.definer).toBe(true)
    expect(fn!.config).toEqual(['search_path=public, pg_temp'])
    expect(fn!.acl).toContain(`${APP_ROLE}=X/`)
    expect(fn!.acl).not.toMatch(/(^|[{,])=X/)
    await handle.db.execute(sql.raw(`SET ROLE ${APP_ROLE}`))
  })
})
