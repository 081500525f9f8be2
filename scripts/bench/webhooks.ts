// npm run bench:webhooks — domain events from write to receiver (127.0.0.1 only). Starts a private
// PostgreSQL cluster, migrates and seeds the demo tenants, starts the built server on it (allowed to
// post to 127.0.0.1) and a receiver on 127.0.0.1 that answers 200 at once. Then, with
// BENCH_CONNECTIONS (16) clients creating accounts in acme for BENCH_DURATION (10) seconds each:
//   1. no endpoint (the endpoints switched off): the write routes' throughput on their own;
//   2. BENCH_ENDPOINTS (10) endpoints subscribed to account.created: the same writes, while every
//      create is fanned out and delivered to each endpoint.
//   Cases 1 and 2 alternate BENCH_ROUNDS (3) times, and the median effect is printed.
//   3. the same endpoints, with the deliveries on a jobs instance (NUXT_INSTANCE_ROLE=jobs) started
//      at a lower priority (nice 10) beside a web instance that only enqueues (NUXT_JOBS_MODE=enqueue),
//      as docs/jobs.md advises for one machine; BENCH_NICE=0 runs it at the same priority.
// Prints creates per second in each case (and the difference from the first), deliveries per second
// while the writes ran and until the last one arrived, and the delay from a create's answer (its
// commit) to each delivery's arrival: p50, p95, max. Every delivery is counted once per (event, endpoint).
// And where the two cores went while the writes ran: each app instance, PostgreSQL, and this
// process (the writing clients and the receiver), in cores used on average.
import { randomBytes } from 'node:crypto'
import type { ChildProcess } from 'node:child_process'
import { spawnSync } from 'node:child_process'
import { Agent, createServer } from 'node:http'
import { connectDatabase } from '../../server/database/connect'
import { runMigrations } from '../../server/database/migrate'
import { seedDemo } from '../../server/database/seed/demo'
import { privatePostgres } from './private-services'
import { cpuSeconds, selfSeconds } from './cpu'
import { ensureBuilt, percentile, send, startServer } from './server'
import { signInAs } from './workspace-data'

const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16)
const ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 10)
const DRAIN_S = 120
const NICE = Number(process.env.BENCH_NICE ?? 10)
const HOST = 'acme.localhost'
const MARK = `Hook bench ${Date.now().toString(36)}`

async function main() {
  ensureBuilt()
  const db = await privatePostgres()
  const servers: ChildProcess[] = []
  // Arrivals: `<endpoint path> <record id>` → when it arrived (first time only; repeats are counted apart).
  const arrivals = new Map<string, number>()
  let repeats = 0
  const receiver = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => {
      body += c
    })
    req.on('end', () => {
      const at = performance.now()
      try {
        const event = JSON.parse(body) as { data?: { record?: { id?: string } } }
        const key = `${req.url} ${event.data?.record?.id}`
        if (arrivals.has(key)) repeats++
        else arrivals.set(key, at)
      }
      catch { /* not ours */ }
      res.writeHead(200).end()
    })
  })
  await new Promise<void>(resolve => receiver.listen(0, '127.0.0.1', () => resolve()))
  const receiverPort = (receiver.address() as { port: number }).port
  try {
    const owner = await connectDatabase({ url: db.url('postgres'), pgliteDir: '', as: 'owner', poolMax: 1, statementTimeoutMs: 0 })
    await runMigrations(owner)
    await seedDemo(owner.db)
    await owner.close()
    // One key for every instance, so each reads what another sealed.
    const env = { DATABASE_URL: db.url('atrium_app'), NUXT_LOG_LEVEL: 'warn', NUXT_OUTBOUND_ALLOW: '127.0.0.1', NUXT_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}` }
    const started = await startServer(env)
    servers.push(started.child)
    let { port } = started
    let cookie = await signInAs(port, HOST, 'admin@acme.test')
    let n = 0

    /** Creates accounts for DURATION seconds; answers creates/s and each created id with when its answer came. */
    async function writes(label: string): Promise<{ perSecond: number, committed: Map<string, number>, startedAt: number, endedAt: number }> {
      const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS })
      const committed = new Map<string, number>()
      const cpu = () => [...servers.map(c => cpuSeconds([c.pid!])), cpuSeconds([db.pid()]), selfSeconds()]
      const cpuBefore = cpu()
      const startedAt = performance.now()
      const end = startedAt + DURATION * 1000
      const ms: number[] = []
      let other = 0
      await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < end) {
          const t = performance.now()
          const res = await send(port, '/api/records/accounts', HOST, { method: 'POST', cookie, agent, body: JSON.stringify({ name: `${MARK} ${n++}` }) })
          if (res.status !== 201) {
            other++
            continue
          }
          committed.set((JSON.parse(res.body) as { id: string }).id, performance.now())
          ms.push(performance.now() - t)
        }
      }))
      const endedAt = performance.now()
      const cores = cpu().map((after, i) => (after - cpuBefore[i]!) / ((endedAt - startedAt) / 1000))
      agent.destroy()
      ms.sort((a, b) => a - b)
      const perSecond = committed.size / ((endedAt - startedAt) / 1000)
      console.log(`\n${label}: ${perSecond.toFixed(0)} creates/s, p50 ${percentile(ms, 0.5).toFixed(0)} ms, p99 ${percentile(ms, 0.99).toFixed(0)} ms${other ? `, ${other} answers not 201` : ''}`)
      const names = servers.length > 1 ? ['web instance', 'jobs instance'] : ['app']
      console.log(`  cores used: ${[...names, 'PostgreSQL', 'clients and receiver'].map((name, i) => `${name} ${cores[i]!.toFixed(2)}`).join(', ')} (of 2)`)
      return { perSecond, committed, startedAt, endedAt }
    }

    console.log(`${CONNECTIONS} clients create accounts in acme through POST /api/records/accounts for ${DURATION} s per case, on a private PostgreSQL`)
    // A warm-up, so both cases meet a warm server.
    await writes('warm-up (not counted)')

    const endpointIds: string[] = []
    for (let i = 0; i < ENDPOINTS; i++) {
      const res = await send(port, '/api/webhooks', HOST, { method: 'POST', cookie, body: JSON.stringify({ url: `http://127.0.0.1:${receiverPort}/e${i}`, eventTypes: ['account.created'] }) })
      if (res.status !== 201) throw new Error(`could not add an endpoint: ${res.status} ${res.body}`)
      endpointIds.push((JSON.parse(res.body) as { id: string }).id)
    }
    const switchEndpoints = async (enabled: boolean) => {
      for (const id of endpointIds) {
        const res = await send(port, `/api/webhooks/${id}`, HOST, { method: 'PATCH', cookie, body: JSON.stringify({ enabled }) })
        if (res.status !== 200) throw new Error(`could not switch an endpoint: ${res.status} ${res.body}`)
      }
    }
    let alone = { perSecond: 0 }
    /** The writes of one case with the endpoints subscribed, then every delivery awaited and measured. */
    async function hookedCase(label: string) {
      const hooked = await writes(label)
      const expected = hooked.committed.size * ENDPOINTS
      const deadline = performance.now() + DRAIN_S * 1000
      while (performance.now() < deadline) {
        const ours = [...arrivals.keys()].filter(k => hooked.committed.has(k.split(' ')[1]!)).length
        if (ours >= expected) break
        await new Promise(r => setTimeout(r, 100))
      }
      const delays: number[] = []
      let last = 0
      let duringWrites = 0
      for (const [key, at] of arrivals) {
        const committedAt = hooked.committed.get(key.split(' ')[1]!)
        if (committedAt === undefined) continue
        delays.push(at - committedAt)
        last = Math.max(last, at)
        if (at <= hooked.endedAt) duringWrites++
      }
      delays.sort((a, b) => a - b)
      const effect = (1 - hooked.perSecond / alone.perSecond) * 100
      console.log(`  write throughput: ${hooked.perSecond.toFixed(0)} vs ${alone.perSecond.toFixed(0)} creates/s without endpoints (${effect >= 0 ? '−' : '+'}${Math.abs(effect).toFixed(1)} %; goal: no more than 10 % less)`)
      effects.push(effect)
      console.log(`  deliveries: ${delays.length} of ${expected} arrived${delays.length < expected ? ` (gave up after ${DRAIN_S} s)` : ''}, ${repeats} repeated so far`)
      console.log(`    while the writes ran: ${(duringWrites / ((hooked.endedAt - hooked.startedAt) / 1000)).toFixed(0)} deliveries/s`)
      console.log(`    from the first write to the last arrival: ${(delays.length / ((last - hooked.startedAt) / 1000)).toFixed(0)} deliveries/s, the last ${((last - hooked.endedAt) / 1000).toFixed(1)} s after the writes stopped`)
      if (delays.length) console.log(`    commit → delivery: p50 ${(percentile(delays, 0.5) / 1000).toFixed(2)} s, p95 ${(percentile(delays, 0.95) / 1000).toFixed(2)} s, max ${(delays.at(-1)! / 1000).toFixed(2)} s`)
    }

    // Cases 1 and 2 take turns, ROUNDS times, so that the machine's drift (seen at a fifth between
    // runs here) weighs on both alike; each round's effect compares it with the case just before.
    const effects: number[] = []
    for (let round = 1; round <= ROUNDS; round++) {
      await switchEndpoints(false)
      alone = await writes(`1. round ${round}: no webhook endpoint`)
      await switchEndpoints(true)
      await hookedCase(`2. round ${round}: ${ENDPOINTS} endpoints subscribed to account.created, one instance serving and delivering`)
    }
    const sorted = [...effects].sort((x, y) => x - y)
    const signed = (e: number) => `${e >= 0 ? '−' : '+'}${Math.abs(e).toFixed(1)} %`
    console.log(`\n  effect on the write routes over ${ROUNDS} rounds: median ${signed(sorted[Math.floor(sorted.length / 2)]!)} (each: ${effects.map(signed).join(', ')}; goal: no more than 10 % less)`)
    effects.length = 0

    // 3. A web instance that only enqueues, and a jobs instance that delivers at a lower priority.
    for (const child of servers.splice(0)) child.kill()
    await new Promise(r => setTimeout(r, 1000))
    const web = await startServer({ ...env, NUXT_JOBS_MODE: 'enqueue' })
    servers.push(web.child)
    const jobs = await startServer({ ...env, NUXT_INSTANCE_ROLE: 'jobs' })
    servers.push(jobs.child)
    if (NICE) spawnSync('renice', ['-n', String(NICE), '-p', String(jobs.child.pid)])
    port = web.port
    cookie = await signInAs(port, HOST, 'admin@acme.test')
    await writes('warm-up of the web instance (not counted)')
    await hookedCase(`3. the same, deliveries on a jobs instance${NICE ? ` at nice ${NICE}` : ''} beside a web instance that only enqueues`)
  }
  finally {
    for (const child of servers) child.kill()
    receiver.close()
    await db.stop()
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error)
  process.exit(1)
})
