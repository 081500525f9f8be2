// npm run bench:dashboard [-- --quick] — the dashboard APIs at volume (127.0.0.1 only).
// Same data as bench:workspace (scripts/bench/workspace-data.ts: 10,000 tenants × 1,000 records
// and acme at demo volume); a sample of bench tenants also gets an admin and its host. Starts the
// built server as the app role and times, at 32 concurrent requests, GET /api/analytics/home,
// POST /api/analytics/query in a few shapes (random tenants among the sample, and acme) and GET
// /api/analytics/revisions: cold (every request a first hit: distinct tenant or range, nothing
// cached) and warm (the same requests again, answered from the revision-keyed cache). Then
// EXPLAIN (ANALYZE, BUFFERS) of the heaviest home widget query on acme, as the app sends it.
// --quick: 200 tenants × 200 records, 3 s per case (a few minutes in all).
// Options (env): BENCH_TENANTS, BENCH_RECORDS, BENCH_DURATION (s), BENCH_CONCURRENCY=32,
// BENCH_SAMPLE (bench tenants signed in), BENCH_KEEP=1 keeps the database.
import { Agent, request } from 'node:http'
import postgres from 'postgres'
import { sql } from 'drizzle-orm'
import { connectDatabase } from '../../server/database/connect'
import type { Tx } from '../../server/database/connect'
import type { WidgetQuery } from '../../shared/analytics'
import { homeWidgets } from '../../server/services/analytics/home'
import { defaultRange, addDays } from '../../server/services/analytics/buckets'
import { runWidgetQuery } from '../../server/services/analytics/run-query'
import { RECORD_TYPES } from '../../shared/records'
import { TenantScope } from '../../server/utils/tenant-db'
import { ensureBuilt, percentile, startServer } from './server'
import { createBenchDatabase, explainAsApp as explain, signInAs } from './workspace-data'

const QUICK = process.argv.includes('--quick')
const TENANTS = Number(process.env.BENCH_TENANTS ?? (QUICK ? 200 : 10_000))
const PER_TENANT = Number(process.env.BENCH_RECORDS ?? (QUICK ? 200 : 1_000))
const DURATION = Number(process.env.BENCH_DURATION ?? (QUICK ? 3 : 5))
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32)
const SAMPLE = Math.min(TENANTS, Number(process.env.BENCH_SAMPLE ?? (QUICK ? 64 : 256)))
const TARGET_MS = 100

ensureBuilt()

interface Req { host: string, cookie: string, method: 'GET' | 'POST', path: string, body?: string }

function send(port: number, agent: Agent, r: Req): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const headers: Record<string, string | number> = { host: r.host, cookie: r.cookie }
    if (r.body) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(r.body) })
    const req = request({ host: '127.0.0.1', port, path: r.path, method: r.method, agent, headers, setHost: false }, (res) => {
      res.resume()
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`${r.path}: ${res.statusCode}`))))
    })
    req.on('error', reject)
    req.end(r.body)
  })
}

interface Stats { p50: number, p95: number, p99: number, n: number, errors: number }
const stats = (times: number[], errors: number): Stats => {
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), p99: percentile(times, 0.99), n: times.length, errors }
}

/** Cold: every request once (each a first hit), CONCURRENCY in flight. */
async function once(port: number, reqs: Req[]): Promise<Stats> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const times: number[] = []
  let errors = 0
  let next = 0
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < reqs.length) {
      const r = reqs[next++]!
      try {
        times.push(await send(port, agent, r))
      }
      catch {
        errors++
      }
    }
  }))
  agent.destroy()
  return stats(times, errors)
}

/** Warm: the same requests picked at random for DURATION seconds, CONCURRENCY in flight. */
async function sustained(port: number, reqs: Req[]): Promise<Stats> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const times: number[] = []
  let errors = 0
  const end = performance.now() + DURATION * 1000
  await Promise.all(Array.from({ length: CONCURRENCY }, async (_, w) => {
    let i = w
    while (performance.now() < end) {
      try {
        times.push(await send(port, agent, reqs[i++ % reqs.length]!))
      }
      catch {
        errors++
      }
    }
  }))
  agent.destroy()
  return stats(times, errors)
}

/** Gives the first SAMPLE bench tenants a host and an admin (acme's admin role and password). */
async function sampleAdmins(owner: { db: { execute: (q: ReturnType<typeof sql.raw>) => Promise<unknown> } }) {
  const sample = `(select id, slug from tenants where slug like 'wbench-%' and substr(slug, 8)::int <= ${SAMPLE})`
  await owner.db.execute(sql.raw(`insert into tenant_domains (id, tenant_id, hostname, kind, is_primary, verified_at)
    select gen_random_uuid(), t.id, t.slug, 'subdomain', true, now() from ${sample} t on conflict do nothing`))
  await owner.db.execute(sql.raw(`insert into roles (tenant_id, id, key, name, description, permissions, is_system, record_scope)
    select t.id, gen_random_uuid(), r.key, r.name, r.description, r.permissions, r.is_system, r.record_scope
    from ${sample} t cross join roles r where r.tenant_id = (select id from tenants where slug = 'acme') and r.key = 'admin' on conflict do nothing`))
  await owner.db.execute(sql.raw(`insert into users (tenant_id, id, email, name, password_hash, role_id, status)
    select t.id, gen_random_uuid(), 'admin@' || t.slug || '.test', 'Bench Admin', u.password_hash, r.id, 'active'
    from ${sample} t join roles r on r.tenant_id = t.id and r.key = 'admin'
    cross join (select password_hash from users where email = 'admin@acme.test') u on conflict do nothing`))
}

const benchStarted = performance.now()
const bench = await createBenchDatabase({ prefix: 'atrium_bench_dash', tenants: TENANTS, perTenant: PER_TENANT, extra: sampleAdmins })
try {
  const owner = postgres(bench.ownerUrl, { max: 1, onnotice: () => {} })
  const [acme] = await owner<{ tenant: string, user: string }[]>`select t.id as tenant, u.id as user from tenants t join users u on u.tenant_id = t.id where t.slug = 'acme' and u.email = 'admin@acme.test'`
  await owner.end()

  const { port, child } = await startServer({ DATABASE_URL: bench.appUrl, NUXT_JOBS_MODE: 'cron' })
  const rows: { name: string, cold: Stats, warm: Stats }[] = []
  try {
    const tenants: { host: string, cookie: string }[] = [{ host: 'acme.localhost', cookie: await signInAs(port, 'acme.localhost', 'admin@acme.test') }]
    for (let n = 1; n <= SAMPLE; n++) tenants.push({ host: `wbench-${n}.localhost`, cookie: await signInAs(port, `wbench-${n}.localhost`, `admin@wbench-${n}.test`) })
    const acmeOnly = tenants.slice(0, 1)
    const bench = tenants.slice(1)
    const today = defaultRange('UTC').to
    // Distinct ranges make distinct cache keys: a cold pass is made of first hits only.
    const ranges = Array.from({ length: 64 }, (_, i) => ({ from: addDays(today, -29 - i), to: addDays(today, -i) }))
    const yearRanges = Array.from({ length: 64 }, (_, i) => ({ from: addDays(today, -364 - i), to: addDays(today, -i) }))
    const home = (ts: typeof tenants): Req[] => ts.flatMap(t => ranges.slice(0, ts.length === 1 ? 64 : 2).map(r => ({ ...t, method: 'GET' as const, path: `/api/analytics/home?from=${r.from}&to=${r.to}` })))
    const query = (ts: typeof tenants, shape: (r: { from: string, to: string }) => Partial<WidgetQuery>, rs = ranges): Req[] =>
      ts.flatMap(t => rs.slice(0, ts.length === 1 ? 64 : 2).map(r => ({ ...t, method: 'POST' as const, path: '/api/analytics/query', body: JSON.stringify({ range: r, ...shape(r) }) })))
    const cases: { name: string, reqs: Req[] }[] = [
      { name: 'home: acme', reqs: home(acmeOnly) },
      { name: 'home: bench tenants', reqs: home(bench) },
      { name: 'query won by month, 1 y: acme', reqs: query(acmeOnly, () => ({ metric: 'deals.won_value', dimension: 'month', compare: true }), yearRanges) },
      { name: 'query won by month, 1 y: bench', reqs: query(bench, () => ({ metric: 'deals.won_value', dimension: 'month', compare: true }), yearRanges) },
      { name: 'query tickets week×priority: acme', reqs: query(acmeOnly, () => ({ metric: 'tickets.count', dimension: 'week', series: 'priority' }), yearRanges) },
      { name: 'query open value by stage: bench', reqs: query(bench, () => ({ metric: 'deals.open_value', dimension: 'stage' })) },
      { name: 'query heatmap: acme', reqs: query(acmeOnly, () => ({ metric: 'activities.count', dimension: 'weekday', series: 'hour', limit: 50 })) },
      { name: 'revisions: all', reqs: tenants.map(t => ({ ...t, method: 'GET' as const, path: '/api/analytics/revisions' })) },
    ]
    console.log(`\nPostgreSQL (${CONCURRENCY} concurrent; cold = each request once, a first hit; warm = ${DURATION} s of the same requests; load generator on the same cores)`)
    console.log(`  ${'case'.padEnd(36)} ${'cold p50'.padStart(9)} ${'cold p95'.padStart(9)} ${'warm p50'.padStart(9)} ${'warm p95'.padStart(9)} ${'warm p99'.padStart(9)} ${'req/s'.padStart(7)}  target`)
    for (const c of cases) {
      const cold = await once(port, c.reqs)
      const warm = await sustained(port, c.reqs)
      rows.push({ name: c.name, cold, warm })
      const ok = warm.p95 < TARGET_MS
      console.log(`  ${c.name.padEnd(36)} ${cold.p50.toFixed(1).padStart(9)} ${cold.p95.toFixed(1).padStart(9)} ${warm.p50.toFixed(1).padStart(9)} ${warm.p95.toFixed(1).padStart(9)} ${warm.p99.toFixed(1).padStart(9)} ${(warm.n / DURATION).toFixed(0).padStart(7)}  warm p95 < ${TARGET_MS} ms ${ok ? 'ok' : 'MISSED'}${cold.errors + warm.errors ? `, ${cold.errors + warm.errors} errors` : ''}`)
    }
  }
  finally {
    child.kill('SIGTERM')
  }

  // The heaviest home widget on acme: time each one as the app runs it, EXPLAIN the slowest.
  const viewer = { actor: { userId: acme!.user, recordScope: 'all' as const }, timeZone: 'UTC', weekStartsOn: 1, revision: 'bench', recordTypes: [...RECORD_TYPES] }
  let timings: { key: string, ms: number, query: WidgetQuery }[] = []
  const app = await connectDatabase({ url: bench.appUrl, pgliteDir: '', as: 'app', poolMax: 1 })
  try {
    // Twice, keeping the second pass: the first pays for the connection and cold plans.
    for (let pass = 0; pass < 2; pass++) {
      timings = []
      for (const w of homeWidgets(defaultRange('UTC'), {})) {
        const t0 = performance.now()
        await app.db.transaction(async (tx) => {
          await tx.execute(sql`select set_config('app.tenant_id', ${acme!.tenant}, true)`)
          await runWidgetQuery(new TenantScope(tx as Tx, acme!.tenant), w.query, viewer)
        })
        timings.push({ key: w.key, ms: performance.now() - t0, query: w.query })
      }
    }
  }
  finally {
    await app.close()
  }
  timings.sort((a, b) => b.ms - a.ms)
  console.log(`\nacme home widgets uncached, one at a time (ms): ${timings.map(t => `${t.key} ${t.ms.toFixed(1)}`).join(', ')}`)
  const heaviest = timings[0]!
  console.log(`\nEXPLAIN (ANALYZE, BUFFERS) — heaviest home widget on acme: ${heaviest.key}`)
  console.log(await explain(bench.appUrl, acme!.tenant, scope => runWidgetQuery(scope, heaviest.query, viewer), text => /grouping|count\(\*\)/i.test(text)))

  const missed = rows.filter(r => r.warm.p95 >= TARGET_MS)
  const coldMissed = rows.filter(r => r.cold.p95 >= TARGET_MS)
  console.log(`\n${missed.length ? `${missed.length} case(s) missed the warm p95 target: ${missed.map(m => m.name).join(', ')}` : 'Every case met the p95 target warm.'}`
    + ` Cold p95 over ${TARGET_MS} ms: ${coldMissed.length ? coldMissed.map(m => m.name).join(', ') : 'none'}. (whole run ${((performance.now() - benchStarted) / 60_000).toFixed(1)} min)`)
}
finally {
  await bench.drop()
}
