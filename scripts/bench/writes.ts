// npm run bench:writes — record creates through the API: one tenant, another, then both at once
// (127.0.0.1 only). Starts a private PostgreSQL cluster on a free port (default settings: every
// commit waits for its WAL flush), migrates and seeds the demo tenants, starts the built server on
// it, then BENCH_CONNECTIONS (16) clients per tenant create accounts for BENCH_DURATION (10)
// seconds in each case, after a 2-second warm-up. Prints per case the creates per second, p50 and
// p99, the answers that were not 201, and what PostgreSQL's active backends were waiting on
// (sampled from pg_stat_activity every 50 ms): writers of one tenant queueing on one row show as
// Lock waits; writers that run side by side wait on the WAL flush (IO) or nothing.
import type { ChildProcess } from 'node:child_process'
import { Agent } from 'node:http'
import postgres from 'postgres'
import { connectDatabase } from '../../server/database/connect'
import { runMigrations } from '../../server/database/migrate'
import { seedDemo } from '../../server/database/seed/demo'
import { privatePostgres } from './private-services'
import { ensureBuilt, percentile, send, startServer } from './server'
import { signInAs } from './workspace-data'

const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16)
const WARMUP = 2
const MARK = `Write bench ${Date.now().toString(36)}`

interface Answer { at: number, status: number, ms: number }

async function create(port: number, agent: Agent, host: string, cookie: string, n: number): Promise<Answer> {
  const t = performance.now()
  const { status } = await send(port, '/api/records/accounts', host, { method: 'POST', cookie, agent, body: JSON.stringify({ name: `${MARK} ${n}` }) })
  return { at: performance.now(), status, ms: performance.now() - t }
}

async function main() {
  ensureBuilt()
  const db = await privatePostgres()
  let server: ChildProcess | undefined
  const watcher = postgres(db.url('postgres'), { max: 1, onnotice: () => {} })
  try {
    const owner = await connectDatabase({ url: db.url('postgres'), pgliteDir: '', as: 'owner', poolMax: 1, statementTimeoutMs: 0 })
    await runMigrations(owner)
    await seedDemo(owner.db)
    await owner.close()
    const started = await startServer({ DATABASE_URL: db.url('atrium_app'), NUXT_LOG_LEVEL: 'warn' })
    server = started.child
    const { port } = started
    const tenants = ['acme', 'globex']
    const cookies = Object.fromEntries(await Promise.all(tenants.map(async t => [t, await signInAs(port, `${t}.localhost`, `admin@${t}.test`)] as const)))
    let n = 0

    async function run(label: string, who: string[]) {
      const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS * who.length })
      const t0 = performance.now()
      const from = t0 + WARMUP * 1000
      const end = from + DURATION * 1000
      const answers: Record<string, Answer[]> = Object.fromEntries(who.map(t => [t, []]))
      const waits = new Map<string, number>()
      const lockedOn = new Map<string, number>()
      let samples = 0
      let sampling = true
      const sampler = (async () => {
        while (sampling) {
          if (performance.now() >= from) {
            samples++
            const rows = await watcher<{ wait: string, n: number }[]>`
              select coalesce(wait_event_type || ':' || wait_event, 'running') as wait, count(*)::int as n
              from pg_stat_activity where usename = 'atrium_app' and state = 'active' group by 1`
            for (const r of rows) waits.set(r.wait, (waits.get(r.wait) ?? 0) + r.n)
            // Which table's rows they queue on (a tuple or transaction lock not yet granted).
            const locks = await watcher<{ rel: string, n: number }[]>`
              select coalesce(w.relation::regclass::text, h.relation::regclass::text, w.locktype) as rel, count(distinct w.pid)::int as n
              from pg_locks w left join pg_locks h on h.locktype = 'tuple' and h.pid = w.pid and h.granted
              where not w.granted group by 1`
            for (const r of locks) lockedOn.set(r.rel, (lockedOn.get(r.rel) ?? 0) + r.n)
          }
          await new Promise(r => setTimeout(r, 50))
        }
      })()
      await Promise.all(who.flatMap(t => Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < end) {
          const a = await create(port, agent, `${t}.localhost`, cookies[t]!, n++)
          if (a.at >= from && a.at < end) answers[t]!.push(a)
        }
      })))
      sampling = false
      await sampler
      agent.destroy()
      console.log(`\n${label} (${CONNECTIONS} clients${who.length > 1 ? ' per tenant' : ''}, ${DURATION} s)`)
      let total = 0
      for (const t of who) {
        const ok = answers[t]!.filter(a => a.status === 201)
        const ms = ok.map(a => a.ms).sort((x, y) => x - y)
        const other = answers[t]!.length - ok.length
        total += ok.length / DURATION
        console.log(`  ${t.padEnd(8)} ${(ok.length / DURATION).toFixed(0).padStart(5)} creates/s   p50 ${percentile(ms, 0.5)?.toFixed(0) ?? '-'} ms   p99 ${percentile(ms, 0.99)?.toFixed(0) ?? '-'} ms${other ? `   ${other} answers not 201` : ''}`)
      }
      if (who.length > 1) console.log(`  together ${total.toFixed(0).padStart(5)} creates/s`)
      const top = [...waits.entries()].sort((x, y) => y[1] - x[1]).slice(0, 5)
      const per = (c: number) => (c / Math.max(1, samples)).toFixed(1)
      console.log(`  PostgreSQL backends busy on average: ${top.map(([w, c]) => `${w} ${per(c)}`).join(', ')}`)
      if (lockedOn.size) console.log(`  waiting for a lock, by table: ${[...lockedOn.entries()].sort((x, y) => y[1] - x[1]).map(([r, c]) => `${r} ${per(c)}`).join(', ')}`)
      return total
    }

    console.log(`${CONNECTIONS} clients per tenant create accounts through POST /api/records/accounts on a private PostgreSQL`)
    await run('acme alone', ['acme'])
    await run('globex alone', ['globex'])
    await run('acme and globex at once', ['acme', 'globex'])
  }
  finally {
    server?.kill()
    await watcher.end({ timeout: 1 })
    await db.stop()
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error)
  process.exit(1)
})
