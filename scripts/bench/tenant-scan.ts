// npx tsx scripts/bench/tenant-scan.ts — what the platform's per-tenant scans cost with many tenants
// (GET /api/platform/features counts overrides; a plan edit that lowers a limit reads every
// tenant's seats and storage). A fresh PostgreSQL database with BENCH_TENANTS tenants (default
// 10,000; one in twenty with two overrides), read as the app role, so RLS applies as in production.
import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { sql } from 'drizzle-orm'
import { connectDatabase } from '../../server/database/connect'
import type { Tx } from '../../server/database/connect'
import { runMigrations } from '../../server/database/migrate'
import { seedDemo } from '../../server/database/seed/demo'
import { OVERRIDES_PER_TENANT, USAGE_PER_TENANT, scanTenants } from '../../server/utils/tenant-scan'
import { percentile } from './server'

const TENANTS = Number(process.env.BENCH_TENANTS ?? 10_000)
const RUNS = 7
const PG_ADMIN = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

const admin = postgres(PG_ADMIN, { max: 1, onnotice: () => {} })
const dbName = `atrium_bench_${randomBytes(4).toString('hex')}`
try {
  await admin.unsafe(`create database ${dbName}`)
  const url = new URL(PG_ADMIN)
  url.pathname = `/${dbName}`
  const owner = await connectDatabase({ url: url.toString(), pgliteDir: '', as: 'owner', poolMax: 2 })
  await runMigrations(owner)
  await seedDemo(owner.db)
  await owner.db.execute(sql.raw(`
    insert into tenants (id, slug, name, plan_id, theme)
    select gen_random_uuid(), 'bench-' || i, 'Bench ' || i, (select id from plans order by key offset (i % 3) limit 1), (select theme from tenants limit 1)
    from generate_series(1, ${TENANTS}) i;
    insert into tenant_feature_overrides (tenant_id, feature_key, enabled)
    select id, k, k = 'tickets' from (select id from tenants where slug like 'bench-%' order by id limit ${Math.floor(TENANTS / 20)}) t, unnest(array['tickets', 'crm']) k;`))
  await owner.close()

  url.username = 'atrium_app'
  const app = await connectDatabase({ url: url.toString(), pgliteDir: '', as: 'app', poolMax: 2 })
  for (const [label, expr] of [['overrides of every tenant (GET /api/platform/features)', OVERRIDES_PER_TENANT], ['seats and storage of every tenant (plan limit lowered)', USAGE_PER_TENANT]] as const) {
    const times: number[] = []
    let found = 0
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now()
      const out = await app.db.transaction(tx => scanTenants(tx as Tx, sql`select id from tenants`, expr))
      times.push(performance.now() - start)
      found = out.size
    }
    times.sort((a, b) => a - b)
    console.log(`${label}: ${TENANTS.toLocaleString()}+ tenants, ${found} with a value; median ${percentile(times, 0.5)!.toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms (${RUNS} runs)`)
  }
  await app.close()
}
finally {
  await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => {})
  await admin.end()
}
