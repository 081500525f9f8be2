// npm run bench:ask — what Caddy's on-demand TLS question costs (GET /api/tls/ask?domain=…), on
// the built server on 127.0.0.1: time inside the server (Server-Timing) and round trip, one at a
// time, then throughput under load, for names it approves (hits: a subdomain, a verified custom
// domain) and names it refuses (misses: unknown hosts, served from the local miss cache).
// Options (env): BENCH_DURATION=5 (seconds per case), BENCH_CONNECTIONS=20, BENCH_SAMPLES=2000.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { connectDatabase } from '../../server/database/connect'
import { runMigrations } from '../../server/database/migrate'
import { seedDemo } from '../../server/database/seed/demo'
import { ensureBuilt, percentile, startServer } from './server'

const DURATION = Number(process.env.BENCH_DURATION ?? 5)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20)
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 2000)

ensureBuilt()

function ask(port: number, domain: string): Promise<{ status: number, serverMs: number, roundTripMs: number }> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: `/api/tls/ask?domain=${encodeURIComponent(domain)}` }, (res) => {
      res.resume()
      res.on('end', () => resolve({
        status: res.statusCode ?? 0,
        serverMs: Number(/tls-ask;dur=([\d.]+)/.exec(String(res.headers['server-timing'] ?? ''))?.[1] ?? Number.NaN),
        roundTripMs: performance.now() - started,
      }))
    }).on('error', reject).end()
  })
}

const ms = (n: number) => `${n.toFixed(3)} ms`

async function sequential(port: number, domains: string[], expected: number) {
  for (const d of domains) await ask(port, d) // warm: the first question of each name may read the database
  const server: number[] = []
  const roundTrip: number[] = []
  for (let i = 0; i < SAMPLES; i++) {
    const r = await ask(port, domains[i % domains.length]!)
    if (r.status !== expected) throw new Error(`unexpected ${r.status} for ${domains[i % domains.length]}`)
    server.push(r.serverMs)
    roundTrip.push(r.roundTripMs)
  }
  server.sort((a, b) => a - b)
  roundTrip.sort((a, b) => a - b)
  return `in server median ${ms(percentile(server, 0.5))}, p99 ${ms(percentile(server, 0.99))}; round trip median ${ms(percentile(roundTrip, 0.5))}, p99 ${ms(percentile(roundTrip, 0.99))}`
}

async function load(port: number, domains: string[]) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: domains.map(d => ({ method: 'GET', path: `/api/tls/ask?domain=${encodeURIComponent(d)}` })),
  })
  return `${Math.round(result.requests.average)} req/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms (errors ${result.errors})`
}

async function bench(label: string, env: Record<string, string>) {
  const { port, child } = await startServer(env)
  try {
    const hits = ['acme.localhost', 'globex.localhost', 'dash.initech.test']
    const misses = ['nobody.localhost', 'unknown.example.com', 'dash.not-ours.test']
    console.log(`\n${label}: ${SAMPLES} questions one at a time, then ${CONNECTIONS} connections × ${DURATION} s (load generator on the same cores)`)
    console.log(`  hits   (200): ${await sequential(port, hits, 200)}`)
    console.log(`  misses (404): ${await sequential(port, misses, 404)}`)
    console.log(`  hits   under load: ${await load(port, hits)}`)
    console.log(`  misses under load: ${await load(port, misses)}`)
  }
  finally {
    child.kill('SIGTERM')
  }
}

const dir = mkdtempSync(join(tmpdir(), 'atrium-bench-ask-'))
const lite = await connectDatabase({ pgliteDir: dir, as: 'owner' })
await runMigrations(lite)
await seedDemo(lite.db)
await lite.close()
await bench('PGlite, memory LRU cache', { NUXT_PGLITE_DIR: dir })
if (process.env.BENCH_REDIS !== '0') {
  await bench('PGlite, Redis cache (as with several instances)', { NUXT_PGLITE_DIR: dir, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', NUXT_CACHE_PREFIX: `bench-${randomBytes(4).toString('hex')}` })
}
rmSync(dir, { recursive: true, force: true })
