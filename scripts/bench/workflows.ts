// npm run bench:workflows — the workflow engine under load (127.0.0.1 only). Starts a private
// PostgreSQL cluster, migrates, seeds the demo tenants and BENCH_TENANTS (1,000) small bench
// tenants, each with BENCH_SCHEDULED (5) scheduled workflows, starts the built server on it and a
// receiver on 127.0.0.1, then measures:
//   1. runs per second of a three-step workflow (condition → update the record → create a task),
//      started by hand on BENCH_RUNS (600) accounts of acme, from the first start to the last run done;
//   2. the delay from a triggering commit (an account created through the API) to the first step's
//      effect (an HTTP request arriving at the receiver): p50, p95, max, with 8 clients writing;
//   3. whether the bench tenants' scheduled workflows (all due in the same minute) delay the rest of
//      the app: the deals list's p50/p95 at 16 connections before and while they run.
import { randomBytes } from 'node:crypto'
import type { ChildProcess } from 'node:child_process'
import { Agent, createServer } from 'node:http'
import postgres from 'postgres'
import { connectDatabase } from '../../server/database/connect'
import { runMigrations } from '../../server/database/migrate'
import { seedDemo } from '../../server/database/seed/demo'
import { privatePostgres } from './private-services'
import { ensureBuilt, percentile, send, startServer } from './server'
import { seedBenchTenants, signInAs } from './workspace-data'

const TENANTS = Number(process.env.BENCH_TENANTS ?? 1000)
const SCHEDULED = Number(process.env.BENCH_SCHEDULED ?? 5)
const RUNS = Number(process.env.BENCH_RUNS ?? 600)
const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const HOST = 'acme.localhost'
const MARK = `Flow bench ${Date.now().toString(36)}`

async function main() {
  ensureBuilt()
  const db = await privatePostgres()
  let server: ChildProcess | undefined
  const arrivals = new Map<string, number>()
  const receiver = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => {
      body += c
    })
    req.on('end', () => {
      try {
        const id = (JSON.parse(body) as { id?: string }).id
        if (id && !arrivals.has(id)) arrivals.set(id, performance.now())
      }
      catch { /* not ours */ }
      res.writeHead(200).end()
    })
  })
  await new Promise<void>(resolve => receiver.listen(0, '127.0.0.1', () => resolve()))
  const receiverPort = (receiver.address() as { port: number }).port
  const owner = postgres(db.url('postgres'), { max: 2, onnotice: () => {} })
  try {
    const handle = await connectDatabase({ url: db.url('postgres'), pgliteDir: '', as: 'owner', poolMax: 1, statementTimeoutMs: 0 })
    await runMigrations(handle)
    await seedDemo(handle.db)
    console.log(`Seeding ${TENANTS.toLocaleString('en')} bench tenants with ${SCHEDULED} scheduled workflows each…`)
    await seedBenchTenants(handle, TENANTS, 10)
    await handle.close()
    // Each bench tenant's workflows: every 5 minutes (not due until case 3), a condition and a webhook event.
    const definition = JSON.stringify({ trigger: { kind: 'schedule', cron: '*/5 * * * *', timeZone: 'UTC' }, steps: [
      { id: 'check', type: 'condition', match: 'all', conditions: [{ field: 'workspace.name', op: 'not_empty' }], next: 'tell' },
      { id: 'tell', type: 'webhook_event', message: 'Scheduled check of {{workspace.name}}' },
    ] })
    await owner.unsafe(`insert into workflows (tenant_id, id, name, enabled, enabled_at, version, trigger_kind, next_fire_at)
      select t.id, gen_random_uuid(), 'Scheduled ' || k, true, now(), 1, 'schedule', now() + interval '1 day'
      from tenants t cross join generate_series(1, ${SCHEDULED}) k where t.slug like 'wbench-%'`)
    await owner.unsafe(`insert into workflow_versions (tenant_id, workflow_id, version, definition) select tenant_id, id, 1, $1::jsonb from workflows`, [definition])
    await owner.unsafe('vacuum analyze')

    const env = { DATABASE_URL: db.url('atrium_app'), NUXT_LOG_LEVEL: 'warn', NUXT_OUTBOUND_ALLOW: '127.0.0.1', NUXT_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}` }
    const started = await startServer(env)
    server = started.child
    const port = started.port
    const cookie = await signInAs(port, HOST, 'admin@acme.test')
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await send(port, path, HOST, { method, cookie, body: body === undefined ? undefined : JSON.stringify(body) })
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.body}`)
      return res.body ? JSON.parse(res.body) : null
    }
    const enable = (id: string) => api('POST', `/api/workflows/${id}/enable`, { enabled: true })

    // 1. Runs per second.
    const three = await api('POST', '/api/workflows', { name: 'Bench: three steps', definition: {
      trigger: { kind: 'manual', recordType: 'accounts' },
      steps: [
        { id: 'ours', type: 'condition', conditions: [{ field: 'record.name', op: 'contains', value: MARK }], next: 'mark' },
        { id: 'mark', type: 'update_record', fields: { industry: 'Benchmarked' }, next: 'task' },
        { id: 'task', type: 'create_record', recordType: 'tasks', fields: { title: 'Follow up {{record.name}}', relatedType: 'accounts', relatedId: '{{record.id}}' } },
      ],
    } })
    await enable(three.id)
    const [acme] = await owner<{ id: string }[]>`select id from tenants where slug = 'acme'`
    const accounts = await owner<{ id: string }[]>`insert into accounts (tenant_id, id, name) select ${acme!.id}, gen_random_uuid(), ${MARK} || ' ' || g from generate_series(1, ${RUNS}) g returning id`
    const t0 = performance.now()
    for (let i = 0; i < accounts.length; i += 100) await api('POST', `/api/workflows/${three.id}/run`, { recordIds: accounts.slice(i, i + 100).map(a => a.id) })
    let done = 0
    while (performance.now() - t0 < 300_000) {
      const [row] = await owner<{ done: number, failed: number }[]>`select count(*) filter (where status = 'succeeded')::int as done, count(*) filter (where status = 'failed')::int as failed from workflow_runs where workflow_id = ${three.id}`
      done = row!.done + row!.failed
      if (done >= RUNS) break
      await new Promise(r => setTimeout(r, 200))
    }
    const seconds = (performance.now() - t0) / 1000
    console.log(`\n1. ${done} runs of a three-step workflow (condition, update the record, create a task) in ${seconds.toFixed(1)} s: ${(done / seconds).toFixed(0)} runs/s, ${(3 * done / seconds).toFixed(0)} steps/s`)

    // 2. Commit → first effect.
    const hook = await api('POST', '/api/workflows', { name: 'Bench: tell another system', definition: {
      trigger: { kind: 'event', event: 'account.created', conditions: [{ field: 'record.name', op: 'contains', value: `${MARK} live` }] },
      steps: [{ id: 'post', type: 'http_request', method: 'POST', url: `http://127.0.0.1:${receiverPort}/flow`, headers: [], body: '{"id":"{{record.id}}"}' }],
    } })
    await enable(hook.id)
    const committed = new Map<string, number>()
    const agent = new Agent({ keepAlive: true, maxSockets: 8 })
    const end = performance.now() + DURATION * 1000
    let n = 0
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (performance.now() < end) {
        const res = await send(port, '/api/records/accounts', HOST, { method: 'POST', cookie, agent, body: JSON.stringify({ name: `${MARK} live ${n++}` }) })
        if (res.status === 201) committed.set((JSON.parse(res.body) as { id: string }).id, performance.now())
      }
    }))
    agent.destroy()
    const drainUntil = performance.now() + 120_000
    while ([...committed.keys()].some(id => !arrivals.has(id)) && performance.now() < drainUntil) await new Promise(r => setTimeout(r, 100))
    const delays = [...committed].filter(([id]) => arrivals.has(id)).map(([id, at]) => arrivals.get(id)! - at).sort((a, b) => a - b)
    console.log(`\n2. ${committed.size} accounts created by 8 clients in ${DURATION} s (${(committed.size / DURATION).toFixed(0)}/s); ${delays.length} first-step effects arrived`)
    if (delays.length) console.log(`   commit → the first step's HTTP request: p50 ${percentile(delays, 0.5).toFixed(0)} ms, p95 ${percentile(delays, 0.95).toFixed(0)} ms, max ${delays.at(-1)!.toFixed(0)} ms`)

    // 3. Scheduled workflows of many tenants at once, against the deals list.
    async function listLoad(label: string) {
      const a = new Agent({ keepAlive: true, maxSockets: 16 })
      const ms: number[] = []
      const stop = performance.now() + DURATION * 1000
      await Promise.all(Array.from({ length: 16 }, async () => {
        while (performance.now() < stop) {
          const t = performance.now()
          await send(port, '/api/records/deals?limit=25', HOST, { cookie, agent: a })
          ms.push(performance.now() - t)
        }
      }))
      a.destroy()
      ms.sort((x, y) => x - y)
      console.log(`   ${label}: ${(ms.length / DURATION).toFixed(0)} req/s, p50 ${percentile(ms, 0.5).toFixed(1)} ms, p95 ${percentile(ms, 0.95).toFixed(1)} ms`)
    }
    console.log(`\n3. the deals list at 16 connections, while ${(TENANTS * SCHEDULED).toLocaleString('en')} scheduled workflows of ${TENANTS.toLocaleString('en')} tenants come due in one minute`)
    await listLoad('before')
    await owner`update workflows set next_fire_at = now() - interval '1 second' where trigger_kind = 'schedule' and tenant_id in (select id from tenants where slug like 'wbench-%')`
    const s0 = performance.now()
    // The minute's sweep queues a job per tenant; wait for the first runs, then load the list while the rest go.
    while (performance.now() - s0 < 70_000) {
      const [row] = await owner<{ n: number }[]>`select count(*)::int as n from workflow_runs where trigger_kind = 'schedule'`
      if (row!.n > 0) break
      await new Promise(r => setTimeout(r, 200))
    }
    const firstAt = performance.now()
    await listLoad('while they run')
    let finished = 0
    while (performance.now() - firstAt < 600_000) {
      const [row] = await owner<{ n: number }[]>`select count(*)::int as n from workflow_runs where trigger_kind = 'schedule' and status in ('succeeded', 'failed', 'stopped')`
      finished = row!.n
      if (finished >= TENANTS * SCHEDULED) break
      await new Promise(r => setTimeout(r, 500))
    }
    console.log(`   ${finished.toLocaleString('en')} scheduled runs finished ${((performance.now() - firstAt) / 1000).toFixed(0)} s after the first started (${((performance.now() - s0) / 1000).toFixed(0)} s after they came due; the sweep runs each minute)`)
    await listLoad('after')
  }
  finally {
    server?.kill()
    receiver.close()
    await owner.end()
    await db.stop()
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error)
  process.exit(1)
})
