// npm run bench:faults — writes survive PostgreSQL restarting and Redis going away (127.0.0.1 only).
// Starts a private PostgreSQL cluster (initdb in a temporary directory) and a private Redis, each
// on a free port, so restarting them touches nothing else on the machine; migrates and seeds the
// demo tenants; starts the built server on them; then BENCH_CONNECTIONS (64) clients create
// accounts in acme for BENCH_DURATION (60) seconds while PostgreSQL is restarted once (at 25 % of
// the run) and Redis is stopped (at 55 %) and started again (at 70 %). Prints, per second, the
// writes acknowledged and the answers that were not 201 (by status), then: acknowledged writes
// against the rows present afterwards (they must be equal: nothing acknowledged is lost), the
// error rate during each outage, and the seconds until writes ran again at the rate before it.
import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { connectDatabase } from '../../server/database/connect'
import { runMigrations } from '../../server/database/migrate'
import { seedDemo } from '../../server/database/seed/demo'
import { PG_BIN, privatePostgres, privateRedis } from './private-services'
import { ensureBuilt, startServer } from './server'
import { signInAs } from './workspace-data'

const DURATION = Number(process.env.BENCH_DURATION ?? 60)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64)
const HOST = 'acme.localhost'
const MARK = `Fault bench ${Date.now().toString(36)}`

/** One answer, counted in the second it arrived (a request caught by an outage fails when it ends). */
interface Answer { second: number, status: number, id?: string }

/** One account create; resolves its status (0 when the connection failed) and the new id. */
function create(port: number, agent: Agent, cookie: string, n: number, t0: number): Promise<Answer> {
  const body = JSON.stringify({ name: `${MARK} ${n}` })
  return new Promise((resolve) => {
    const second = () => Math.floor((performance.now() - t0) / 1000)
    const req = request({ host: '127.0.0.1', port, path: '/api/records/accounts', method: 'POST', agent, setHost: false, timeout: 30_000,
      headers: { 'host': HOST, cookie, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c) => {
        text += c
      })
      res.on('end', () => {
        let id: string | undefined
        if (res.statusCode === 201) id = (JSON.parse(text) as { id: string }).id
        resolve({ second: second(), status: res.statusCode ?? 0, id })
      })
    })
    req.on('error', () => resolve({ second: second(), status: 0 }))
    req.on('timeout', () => req.destroy())
    req.end(body)
  })
}

async function main() {
  ensureBuilt()
  console.log(`PostgreSQL from ${PG_BIN}; ${CONNECTIONS} clients for ${DURATION} s`)
  const db = await privatePostgres()
  const redis = await privateRedis()
  let server: ChildProcess | undefined
  try {
    const owner = await connectDatabase({ url: db.url('postgres'), pgliteDir: '', as: 'owner', poolMax: 1, statementTimeoutMs: 0 })
    await runMigrations(owner)
    await seedDemo(owner.db)
    await owner.close()

    const log = join(tmpdir(), `atrium-faults-${Date.now()}.log`)
    const started = await startServer({ DATABASE_URL: db.url('atrium_app'), REDIS_URL: redis.url, NUXT_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info' }, log)
    server = started.child
    const { port } = started
    const cookie = await signInAs(port, HOST, 'admin@acme.test')

    const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS })
    const answers: Answer[] = []
    const t0 = performance.now()
    const end = t0 + DURATION * 1000
    let n = 0
    const faults: { at: number, what: string }[] = []
    const at = (fraction: number, what: string, act: () => unknown) => setTimeout(async () => {
      faults.push({ at: (performance.now() - t0) / 1000, what })
      console.log(`  ${((performance.now() - t0) / 1000).toFixed(1)} s: ${what}`)
      await act()
    }, fraction * DURATION * 1000)
    const timers = [
      at(0.25, 'PostgreSQL restarting', () => db.restart()),
      at(0.55, 'Redis stopped', () => redis.stop()),
      at(0.70, 'Redis started', () => redis.start()),
    ]
    await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) answers.push(await create(port, agent, cookie, n++, t0))
    }))
    timers.forEach(clearTimeout)
    agent.destroy()

    // What is in the database afterwards, read as its owner.
    const sql = postgres(db.url('postgres'), { max: 1, onnotice: () => {} })
    const present = new Set((await sql<{ id: string }[]>`select id::text from accounts where name like ${`${MARK} %`}`).map(r => r.id))
    await sql.end()
    const acknowledged = answers.filter(a => a.id)
    const lost = acknowledged.filter(a => !present.has(a.id!))

    // Per second: acknowledged writes, and the other answers by status.
    const seconds = Math.max(Math.ceil(DURATION), ...answers.map(a => a.second + 1))
    console.log('\n second   201  other answers')
    const perSecond = Array.from({ length: seconds }, (_, s) => {
      const mine = answers.filter(a => a.second === s)
      const other: Record<string, number> = {}
      for (const a of mine.filter(a => a.status !== 201)) other[a.status || 'conn'] = (other[a.status || 'conn'] ?? 0) + 1
      const mark = faults.filter(f => Math.floor(f.at) === s).map(f => `  ← ${f.what}`).join('')
      console.log(`${String(s).padStart(7)} ${String(mine.length - Object.values(other).reduce((x, y) => x + y, 0)).padStart(5)}  ${Object.entries(other).map(([k, v]) => `${k}×${v}`).join(' ') || '-'}${mark}`)
      return { ok: mine.filter(a => a.status === 201).length, failed: mine.filter(a => a.status !== 201).length }
    })

    const before = perSecond.slice(2, Math.floor(0.25 * DURATION)).map(s => s.ok)
    const baseline = before.reduce((x, y) => x + y, 0) / Math.max(1, before.length)
    console.log(`\nbefore the first fault: ${baseline.toFixed(0)} writes/s acknowledged`)
    for (const fault of faults.filter(f => f.what !== 'Redis started')) {
      const from = Math.floor(fault.at)
      // Recovered: the first second from which three in a row run at ≥ 80 % of the baseline, with no failure.
      let back = -1
      for (let s = from; s + 2 < seconds; s++) {
        if ([0, 1, 2].every(k => perSecond[s + k]!.ok >= 0.8 * baseline && perSecond[s + k]!.failed === 0)) {
          back = s
          break
        }
      }
      const window = perSecond.slice(from, back < 0 ? seconds : Math.max(back, from + 1))
      const failed = window.reduce((x, y) => x + y.failed, 0)
      const after = back < 0 ? 'did not recover before the end' : back <= from ? 'no drop in the rate' : `full rate again after ${Math.max(0, back - fault.at).toFixed(1)} s`
      console.log(`${fault.what}: ${failed} failed answers over ${window.length} s (${(failed / window.length).toFixed(1)}/s); ${after}`)
    }
    const statuses: Record<string, number> = {}
    for (const a of answers) statuses[a.status || 'conn'] = (statuses[a.status || 'conn'] ?? 0) + 1
    console.log(`\nanswers: ${Object.entries(statuses).map(([k, v]) => `${k}: ${v}`).join(', ')}`)
    console.log(`acknowledged writes: ${acknowledged.length}; rows present: ${present.size}; acknowledged but missing: ${lost.length}`)
    // What the server logged meanwhile: one line per failed request is the access line; the rest are causes.
    const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => {
      try {
        return JSON.parse(l) as { level?: string, msg?: string }
      }
      catch {
        return { msg: l }
      }
    })
    const causes: Record<string, number> = {}
    for (const l of lines.filter(l => (l.level ?? 'error') !== 'info')) {
      const key = (l.msg ?? '').slice(0, 110)
      causes[key] = (causes[key] ?? 0) + 1
    }
    console.log(`\nserver warnings and errors other than access lines (${log}):`)
    for (const [msg, count] of Object.entries(causes).sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${String(count).padStart(5)} × ${msg}`)
    if (lost.length || present.size < acknowledged.length) process.exitCode = 1
  }
  finally {
    server?.kill('SIGTERM')
    await redis.stop()
    await db.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
