// npm run bench:report-schedules [-- --quick] — 1,000 report schedules due in the same minute
// (127.0.0.1 only). Same data as bench:workspace (BENCH_TENANTS × BENCH_RECORDS bench tenants and
// acme at demo volume). Starts the built server as the app role; measures globex's deals list
// (p50/p95 of sequential reads, at least BENCH_LIST_READS = 1,000 of them) idle, then makes BENCH_SCHEDULES schedules
// of one acme report (CSV, announced to webhooks) due now, runs the minute's sweep, and
// measures the same list while they are delivered. Prints how long until every run was delivered,
// the spread from due time to delivery (p50, p95, max) and the list's figures side by side.
// --quick: 200 tenants × 200 records. BENCH_KEEP=1 keeps the database, BENCH_DB=<name> reuses a kept one.
import postgres from 'postgres'
import { PgBoss } from 'pg-boss'
import { JOB_SCHEMA } from '../../server/database/jobs-schema'
import { ensureBuilt, percentile, send, startServer } from './server'
import { createBenchDatabase, signInAs } from './workspace-data'

const quick = process.argv.includes('--quick')
const TENANTS = Number(process.env.BENCH_TENANTS ?? (quick ? 200 : 10_000))
const RECORDS = Number(process.env.BENCH_RECORDS ?? (quick ? 200 : 1_000))
const SCHEDULES = Number(process.env.BENCH_SCHEDULES ?? 1_000)
const LIST_READS = Number(process.env.BENCH_LIST_READS ?? 1000)

async function listTimes(port: number, cookie: string, until: () => boolean): Promise<number[]> {
  const times: number[] = []
  while (times.length < LIST_READS || !until()) {
    const t0 = performance.now()
    const res = await send(port, '/api/records/deals?limit=25', 'globex.localhost', { cookie })
    if (res.status !== 200) throw new Error(`deals list: ${res.status}`)
    times.push(performance.now() - t0)
    if (times.length >= LIST_READS * 20) break
  }
  return times.sort((a, b) => a - b)
}

const figures = (t: number[]) => `p50 ${percentile(t, 0.5).toFixed(1)} ms, p95 ${percentile(t, 0.95).toFixed(1)} ms (${t.length} reads)`

async function main() {
  ensureBuilt()
  const db = await createBenchDatabase({ prefix: 'bench_sched', tenants: TENANTS, perTenant: RECORDS })
  const owner = postgres(db.ownerUrl, { max: 2, onnotice: () => {} })
  let server: Awaited<ReturnType<typeof startServer>> | undefined
  try {
    server = await startServer({ DATABASE_URL: db.appUrl, NUXT_LOG_LEVEL: 'warn' })
    const port = server.port
    const acme = await signInAs(port, 'acme.localhost', 'admin@acme.test')
    const globex = await signInAs(port, 'globex.localhost', 'admin@globex.test')
    const idle = await listTimes(port, globex, () => true)

    const created = await send(port, '/api/reports', 'acme.localhost', { method: 'POST', cookie: acme, body: JSON.stringify({ name: 'Bench: open deals', definition: { source: 'deals', columns: [{ field: 'name' }, { field: 'amountMinor' }], filters: { status: 'open' } } }) })
    if (created.status !== 201) throw new Error(`report: ${created.status} ${created.body}`)
    const reportId = JSON.parse(created.body).id as string
    const one = await send(port, `/api/reports/${reportId}/schedules`, 'acme.localhost', { method: 'POST', cookie: acme, body: JSON.stringify({ cadence: { frequency: 'daily' }, format: 'csv', webhook: true }) })
    if (one.status !== 201) throw new Error(`schedule: ${one.status} ${one.body}`)
    // The rest as copies of the first (the API would take 1,000 requests to say the same), all due now.
    await owner`insert into report_schedules (tenant_id, id, report_id, created_by, cadence, time_zone, format, skip_empty, recipients, link_only, webhook, enabled, next_run_at)
      select tenant_id, gen_random_uuid(), report_id, created_by, cadence, time_zone, format, skip_empty, recipients, link_only, webhook, enabled, next_run_at
      from report_schedules cross join generate_series(2, ${SCHEDULES}) where id = ${JSON.parse(one.body).id}::uuid`
    const [{ due }] = await owner<{ due: Date }[]>`update report_schedules set next_run_at = now() where report_id = ${reportId}::uuid returning next_run_at as due`

    console.log(`\n${SCHEDULES.toLocaleString('en')} schedules of one report (open deals of acme, CSV, announced to webhooks) due at ${due.toISOString()}`)
    const t0 = performance.now()
    const boss = new PgBoss({ connectionString: db.ownerUrl, schema: JOB_SCHEMA, max: 1, migrate: false, createSchema: false, supervise: false, schedule: false, registerInstance: false })
    boss.on('error', () => {})
    await boss.start()
    while (!await boss.send('reports-sweep', {})) await new Promise(r => setTimeout(r, 200))
    await boss.stop({ graceful: false })
    let done = false
    const during = listTimes(port, globex, () => done)
    let counts = { delivered: 0, other: 0 }
    while (counts.delivered + counts.other < SCHEDULES && performance.now() - t0 < 30 * 60_000) {
      await new Promise(r => setTimeout(r, 500))
      const [row] = await owner<{ delivered: number, other: number }[]>`select count(*) filter (where status = 'delivered')::int as delivered, count(*) filter (where status in ('failed', 'skipped'))::int as other from report_runs where report_id = ${reportId}::uuid`
      counts = row!
    }
    done = true
    const wall = (performance.now() - t0) / 1000
    const busy = await during
    const lags = (await owner<{ s: number }[]>`select extract(epoch from finished_at - due_at)::float8 as s from report_runs where report_id = ${reportId}::uuid and status = 'delivered' order by 1`).map(r => r.s)
    const [events] = await owner<{ n: number }[]>`select count(*)::int as n from domain_events where type = 'report.delivered' and data->'report'->>'id' = ${reportId}`
    console.log(`delivered ${counts.delivered.toLocaleString('en')}, failed or skipped ${counts.other}, in ${wall.toFixed(1)} s after the sweep; ${events!.n.toLocaleString('en')} report.delivered events`)
    if (lags.length) console.log(`due time → delivered (the sweep sent as they came due, as the minute's cron does): p50 ${percentile(lags, 0.5).toFixed(1)} s, p95 ${percentile(lags, 0.95).toFixed(1)} s, first ${lags[0]!.toFixed(1)} s, last ${lags.at(-1)!.toFixed(1)} s`)
    console.log('\n| globex deals list | p50 | p95 |')
    console.log('| --- | ---: | ---: |')
    console.log(`| idle | ${percentile(idle, 0.5).toFixed(1)} ms | ${percentile(idle, 0.95).toFixed(1)} ms |`)
    console.log(`| while the schedules ran | ${percentile(busy, 0.5).toFixed(1)} ms | ${percentile(busy, 0.95).toFixed(1)} ms |`)
    console.log(`\nidle: ${figures(idle)}; during: ${figures(busy)}; p95 during / idle: ${(percentile(busy, 0.95) / percentile(idle, 0.95) * 100).toFixed(0)} %`)
  }
  finally {
    server?.child.kill()
    await owner.end()
    await db.drop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
