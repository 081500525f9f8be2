import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { assertSafeAppRole, connectDatabase, rowsOf } from '../../server/database/connect'
import type { DatabaseHandle } from '../../server/database/connect'
import { runMigrations } from '../../server/database/migrate'
import { seedDemo } from '../../server/database/seed/demo'
import { TEST_PG_ADMIN_URL, withDatabase } from '../support/env'

// Platform tables carry a tenant reference but no tenant rows to hide: they are read before a
// tenant is known (host lookup) or by the platform itself. Any other table with tenant_id must
// have RLS enabled, forced, and a policy.
// Platform tables that name a tenant without holding its data: addresses, the platform's audit
// log, impersonation grants, and the usage roll-up's counts.
const PLATFORM_TABLES_WITH_TENANT_REF = ['tenant_domains', 'platform_audit_log', 'impersonations', 'tenant_usage_summary']
const TENANT_TABLES = ['tenant_feature_overrides', 'audit_log', 'usage_daily', 'roles', 'users', 'sessions', 'auth_tokens', 'teams', 'team_members', 'api_keys', 'recovery_codes', 'sso_connections']

/** The database's own message for a failed statement (Drizzle wraps it as the error's cause). */
async function dbError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  }
  catch (error) {
    const cause = (error as { cause?: Error }).cause
    return cause?.message ?? (error as Error).message
  }
  throw new Error('expected the statement to fail')
}

interface Driver {
  name: string
  open: () => Promise<{ app: DatabaseHandle, owner?: DatabaseHandle, cleanup: () => Promise<void> }>
}

const drivers: Driver[] = [
  {
    name: 'pglite',
    // Its own directory: the server's PGlite belongs to the server process.
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'atrium-rls-'))
      const owner = await connectDatabase({ pgliteDir: dir, as: 'owner' })
      await runMigrations(owner)
      await seedDemo(owner.db)
      await owner.close()
      const app = await connectDatabase({ pgliteDir: dir, as: 'app' })
      return { app, cleanup: async () => {
        await app.close()
        rmSync(dir, { recursive: true, force: true })
      } }
    },
  },
  {
    name: 'postgres',
    // The database the servers use, through the app's own login role.
    open: async () => {
      const appUrl = inject('pgAppUrl')
      const app = await connectDatabase({ url: appUrl, pgliteDir: '', as: 'app', poolMax: 2 })
      const owner = await connectDatabase({ url: withDatabase(TEST_PG_ADMIN_URL, new URL(appUrl).pathname.slice(1)), pgliteDir: '', as: 'owner', poolMax: 1 })
      return { app, owner, cleanup: async () => {
        await app.close()
        await owner.close()
      } }
    },
  },
]

describe.each(drivers)('row-level security on $name', ({ open }) => {
  let handle: Awaited<ReturnType<Driver['open']>>
  let ids: Record<string, string>

  beforeAll(async () => {
    handle = await open()
    const rows = rowsOf<{ slug: string, id: string }>(await handle.app.db.execute(sql`select slug, id from tenants`))
    ids = Object.fromEntries(rows.map(r => [r.slug, r.id]))
  })
  afterAll(async () => handle?.cleanup())

  /** Runs statements in one transaction with app.tenant_id set, as the app does. */
  async function asTenant<T>(tenantId: string | null, fn: (tx: DatabaseHandle['db']) => Promise<T>): Promise<T> {
    return handle.app.db.transaction(async (tx) => {
      if (tenantId) await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`)
      return fn(tx as unknown as DatabaseHandle['db'])
    })
  }

  it('the app runs as a role that is neither superuser, BYPASSRLS nor owner', async () => {
    const facts = await assertSafeAppRole(handle.app.db)
    expect(facts.role).toBe('atrium_app')
    expect(facts).toMatchObject({ superuser: false, bypassrls: false, owned: 0 })
  })

  it.each(TENANT_TABLES)('an unscoped select from %s returns only the current tenant\'s rows', async (table) => {
    const rows = await asTenant(ids.acme!, async tx => rowsOf<{ tenant_id: string }>(await tx.execute(sql`select tenant_id from ${sql.identifier(table)}`)))
    expect(rows.every(r => r.tenant_id === ids.acme)).toBe(true)
    if (table === 'usage_daily') expect(rows.length).toBeGreaterThan(0)
  })

  it('without a tenant set, tenant tables read as empty', async () => {
    const rows = await asTenant(null, async tx => rowsOf(await tx.execute(sql`select * from usage_daily`)))
    expect(rows).toHaveLength(0)
  })

  it('inserting a row for tenant B under tenant A fails, and leaves nothing behind', async () => {
    expect(await dbError(asTenant(ids.acme!, tx => tx.execute(sql`insert into usage_daily (tenant_id, day, metric, value) values (${ids.globex}, '2000-01-01', 'api_calls', 1)`))))
      .toMatch(/row-level security/)
    const leaked = await asTenant(ids.globex!, async tx => rowsOf(await tx.execute(sql`select 1 from usage_daily where day = '2000-01-01'`)))
    expect(leaked).toHaveLength(0)
  })

  it('updating or deleting another tenant\'s rows touches nothing', async () => {
    const before = await asTenant(ids.globex!, async tx => rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from usage_daily`)))
    await asTenant(ids.acme!, tx => tx.execute(sql`update usage_daily set value = 0 where tenant_id = ${ids.globex}`))
    await asTenant(ids.acme!, tx => tx.execute(sql`delete from usage_daily where tenant_id = ${ids.globex}`))
    const after = await asTenant(ids.globex!, async tx => rowsOf<{ n: number, zero: number }>(await tx.execute(sql`select count(*)::int as n, count(*) filter (where value = 0)::int as zero from usage_daily`)))
    expect(after[0]!.n).toBe(before[0]!.n)
    expect(after[0]!.n).toBeGreaterThan(0)
  })

  it('the audit log is append-only for the app', async () => {
    expect(await dbError(asTenant(ids.acme!, tx => tx.execute(sql`update audit_log set action = 'x'`)))).toMatch(/permission denied/)
    expect(await dbError(asTenant(ids.acme!, tx => tx.execute(sql`delete from audit_log`)))).toMatch(/permission denied/)
  })

  it('every table with tenant_id has RLS enabled, forced and a policy (or is a listed platform table)', async () => {
    const rows = rowsOf<{ table: string, enabled: boolean, forced: boolean, policies: number }>(await handle.app.db.execute(sql`
      select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
        (select count(*) from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname)::int as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)`))
    const tenantTables = rows.filter(r => !PLATFORM_TABLES_WITH_TENANT_REF.includes(r.table))
    expect(tenantTables.map(r => r.table).sort()).toEqual(expect.arrayContaining(TENANT_TABLES))
    for (const t of tenantTables) expect(t, t.table).toMatchObject({ enabled: true, forced: true, policies: 1 })
  })

  it('the app refuses to run as the owner or a superuser', async () => {
    if (!handle.owner) {
      // PGlite's only session user is its built-in superuser: leave the app role and check again.
      await handle.app.db.execute(sql`reset role`)
      await expect(assertSafeAppRole(handle.app.db)).rejects.toThrow(/Refusing to run/)
      await handle.app.db.execute(sql`set role atrium_app`)
      return
    }
    await expect(assertSafeAppRole(handle.owner.db)).rejects.toThrow(/Refusing to run/)
  })
})
