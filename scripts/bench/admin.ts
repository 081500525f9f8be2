// npm run bench:admin — the super admin tenants list with 10,000 tenants (127.0.0.1 only).
// Seeds 10,000 extra tenants (addresses, usage summaries, activity spread over two years) into a
// fresh database, starts the built server, and times GET /api/platform/tenants for the list's
// typical views: sequential requests (p50/p95 as the client sees them) and then 8 concurrent
// connections. Runs on PostgreSQL, and on PGlite unless BENCH_PGLITE=0.
// Options (env): BENCH_TENANTS=10000, BENCH_SAMPLES=200 (per view), BENCH_DURATION=5 (s of load per view),
// BENCH_KEEP=1 keeps the PostgreSQL database (its name is printed) for EXPLAIN.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import postgres from 'postgres'
import { sql } from 'drizzle-orm'
import { connectDatabase } from '../../server/database/connect'
import type { DatabaseHandle } from '../../server/database/connect'
import { runMigrations } from '../../server/database/migrate'
import { seedDemo } from '../../server/database/seed/demo'
import { ensureBuilt, percentile, startServer } from './server'

const TENANTS = Number(process.env.BENCH_TENANTS ?? 10_000)
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200)
const DURATION = Number(process.env.BENCH_DURATION ?? 5)
const PG_ADMIN = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const TOKEN = `bench-${randomBytes(12).toString('hex')}`

const VIEWS = [
  ['first page, by name', '/api/platform/tenants'],
  ['search "dyn"', '/api/platform/tenants?search=dyn'],
  ['suspended only', '/api/platform/tenants?status=suspended'],
  ['plan pro, most API calls first', '/api/platform/tenants?plan=pro&sort=apiCalls&dir=desc'],
  ['created in 2025, newest first', '/api/platform/tenants?createdFrom=2025-01-01&createdTo=2025-12-31&sort=created&dir=desc'],
  ['by last activity, page 200', '/api/platform/tenants?sort=lastActive&dir=desc&page=200'],
  ['most members, 100 a page', '/api/platform/tenants?sort=members&dir=desc&pageSize=100'],
] as const

ensureBuilt()

/** 10,000 tenants in three statements: tenants, their subdomains, their usage summaries. */
async function seedTenants(handle: DatabaseHandle) {
  await handle.db.execute(sql.raw(`
    insert into tenants (id, slug, name, status, plan_id, theme, created_at, last_active_at)
    select gen_random_uuid(), 'bench-' || g, initcap(w.word) || ' ' || initcap(w2.word) || ' ' || g,
      (case when g % 37 = 0 then 'suspended' else 'active' end)::tenant_status,
      (select id from plans order by key offset (g % (select count(*) from plans)) limit 1),
      (select theme from tenants where slug = 'acme'),
      now() - ((g * 7919) % 730) * interval '1 day',
      case when g % 5 = 0 then null else now() - ((g * 104729) % 43200) * interval '1 minute' end
    from generate_series(1, ${TENANTS}) g
    cross join lateral (select (array['dynamic','north','blue','river','quantum','atlas','summit','harbor','cedar','vertex'])[1 + g % 10] as word) w
    cross join lateral (select (array['labs','works','group','systems','partners','logistics','health','studio'])[1 + (g / 10) % 8] as word) w2`))
  await handle.db.execute(sql.raw(`
    insert into tenant_domains (id, tenant_id, hostname, kind, is_primary, verified_at)
    select gen_random_uuid(), id, slug, 'subdomain', true, now() from tenants where slug like 'bench-%'`))
  await handle.db.execute(sql.raw(`
    insert into tenant_usage_summary (tenant_id, members, active_users_7d, active_users_30d, storage_bytes, api_calls_30d)
    select id, 1 + (abs(hashtext(slug)) % 200), abs(hashtext(slug || 'a')) % 50, abs(hashtext(slug || 'b')) % 120,
      abs(hashtext(slug || 'c')) % 500000000, abs(hashtext(slug || 'd')) % 2000000 from tenants where slug like 'bench-%'`))
  // As autovacuum would soon after such an import: statistics, and the visibility map for index-only counts.
  await handle.db.execute(sql.raw('vacuum analyze tenants, tenant_domains, tenant_usage_summary'))
}

function get(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    request({ host: '127.0.0.1', port, path, headers: { host: 'localhost', authorization: `Bearer ${TOKEN}` }, setHost: false }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`${path}: ${res.statusCode}`))
      res.resume()
      res.on('end', () => resolve(performance.now() - started))
    }).on('error', reject).end()
  })
}

async function bench(label: string, env: Record<string, string>) {
  const { port, child } = await startServer({ ...env, NUXT_PLATFORM_API_TOKEN: TOKEN })
  try {
    console.log(`\n${label}: GET /api/platform/tenants with ${TENANTS.toLocaleString('en')} extra tenants`)
    console.log(`  ${'view'.padEnd(44)} ${'sequential (ms)'.padEnd(24)} 8 connections`)
    for (const [name, path] of VIEWS) {
      for (let i = 0; i < 10; i++) await get(port, path) // warm
      const times: number[] = []
      for (let i = 0; i < SAMPLES; i++) times.push(await get(port, path))
      times.sort((a, b) => a - b)
      const load = await autocannon({ url: `http://127.0.0.1:${port}${path}`, headers: { host: 'localhost', authorization: `Bearer ${TOKEN}` }, connections: 8, duration: DURATION })
      const seq = `p50 ${percentile(times, 0.5).toFixed(1)}  p95 ${percentile(times, 0.95).toFixed(1)}`
      console.log(`  ${name.padEnd(44)} ${seq.padEnd(24)} ${Math.round(load.requests.average)} req/s, p50 ${load.latency.p50} ms, p97.5 ${load.latency.p97_5} ms${load.non2xx ? `, non-2xx ${load.non2xx}` : ''}`)
    }
  }
  finally {
    child.kill('SIGTERM')
  }
}

const admin = postgres(PG_ADMIN, { max: 1, onnotice: () => {} })
const dbName = `atrium_bench_${randomBytes(4).toString('hex')}`
try {
  await admin.unsafe(`create database ${dbName}`)
  const url = new URL(PG_ADMIN)
  url.pathname = `/${dbName}`
  const pg = await connectDatabase({ url: url.toString(), pgliteDir: '', as: 'owner', poolMax: 2 })
  await runMigrations(pg)
  await seedDemo(pg.db)
  await seedTenants(pg)
  await pg.close()
  url.username = 'atrium_app'
  await bench('PostgreSQL', { DATABASE_URL: url.toString(), NUXT_JOBS_MODE: 'cron' })
}
finally {
  if (process.env.BENCH_KEEP === '1') console.log(`\nkept database ${dbName}`)
  else await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => {})
  await admin.end()
}

if (process.env.BENCH_PGLITE !== '0') {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-bench-'))
  const lite = await connectDatabase({ pgliteDir: dir, as: 'owner' })
  await runMigrations(lite)
  await seedDemo(lite.db)
  await seedTenants(lite)
  await lite.close()
  await bench('PGlite (embedded)', { NUXT_PGLITE_DIR: dir, NUXT_JOBS_MODE: 'cron' })
  rmSync(dir, { recursive: true, force: true })
}
