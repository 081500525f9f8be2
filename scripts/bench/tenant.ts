// npm run bench:tenant — what tenant resolution costs, measured on the built server (127.0.0.1 only).
//  1. warm-cache resolution time (median, p99) as the server itself reports it in Server-Timing;
//  2. throughput and latency under load of a tenant-scoped JSON route, next to a route that
//     skips tenant resolution. Runs on PGlite, and on PostgreSQL when it is reachable.
// Options (env): BENCH_DURATION=8 (seconds per route), BENCH_CONNECTIONS=20, BENCH_SAMPLES=2000.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import postgres from 'postgres'
import { connectDatabase } from '../../server/database/connect'
import { runMigrations } from '../../server/database/migrate'
import { seedDemo } from '../../server/database/seed/demo'
import { ensureBuilt, percentile, startServer } from './server'

const DURATION = Number(process.env.BENCH_DURATION ?? 8)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20)
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 2000)
const PG_ADMIN = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

ensureBuilt()

function get(port: number, host: string, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers: { host }, setHost: false }, (res) => {
      res.resume()
      res.on('end', () => resolve(String(res.headers['server-timing'] ?? '')))
    }).on('error', reject).end()
  })
}

async function resolutionCost(port: number) {
  await get(port, 'acme.localhost', '/api/site') // warm
  const durations: number[] = []
  for (let i = 0; i < SAMPLES; i++) {
    const timing = await get(port, 'acme.localhost', '/api/site')
    const match = /tenant;desc="hit";dur=([\d.]+)/.exec(timing)
    if (match) durations.push(Number(match[1]))
  }
  durations.sort((a, b) => a - b)
  return { samples: durations.length, median: percentile(durations, 0.5), p99: percentile(durations, 0.99) }
}

/** A demo user's session cookie, for the routes that need a signed-in user. */
function signIn(port: number, host: string, email: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/auth/login', method: 'POST', headers: { 'host': host, 'content-type': 'application/json' }, setHost: false }, (res) => {
      res.resume()
      res.on('end', () => resolve(String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]!))
    })
    req.on('error', reject)
    req.end(JSON.stringify({ email, password: 'Demo-pass-2026' }))
  })
}

async function load(port: number, host: string, path: string, cookie?: string) {
  const headers: Record<string, string> = { host, ...(cookie ? { cookie } : {}) }
  const result = await autocannon({ url: `http://127.0.0.1:${port}${path}`, headers, connections: CONNECTIONS, duration: DURATION })
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors }
}

async function bench(label: string, env: Record<string, string>) {
  const { port, child } = await startServer(env)
  try {
    const cost = await resolutionCost(port)
    console.log(`\n${label}`)
    console.log(`  tenant resolution, warm cache (${cost.samples} requests): median ${cost.median!.toFixed(3)} ms, p99 ${cost.p99!.toFixed(3)} ms`)
    console.log(`  load: ${CONNECTIONS} connections × ${DURATION} s per route, load generator on the same 2 cores`)
    const cookie = await signIn(port, 'acme.localhost', 'viewer@acme.test')
    const routes = [
      ['GET /api/health    (skips tenant resolution)', '/api/health', undefined],
      ['GET /api/site      (tenant resolved, no SQL)', '/api/site', undefined],
      ['GET /api/overview  (tenant + session + permission + scoped transaction)', '/api/overview', cookie],
    ] as const
    for (const [name, path, withCookie] of routes) {
      const r = await load(port, 'acme.localhost', path, withCookie)
      console.log(`  ${name.padEnd(76)} ${String(r.rps).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms${r.non2xx || r.errors ? `  (non-2xx ${r.non2xx}, errors ${r.errors})` : ''}`)
    }
  }
  finally {
    child.kill('SIGTERM')
  }
}

// PGlite: a fresh directory, migrated and seeded.
const dir = mkdtempSync(join(tmpdir(), 'atrium-bench-'))
const lite = await connectDatabase({ pgliteDir: dir, as: 'owner' })
await runMigrations(lite)
await seedDemo(lite.db)
await lite.close()
await bench('PGlite (embedded), memory LRU cache', { NUXT_PGLITE_DIR: dir })
rmSync(dir, { recursive: true, force: true })

// PostgreSQL: a fresh database, when the server is there.
const admin = postgres(PG_ADMIN, { max: 1, onnotice: () => {} })
const dbName = `atrium_bench_${randomBytes(4).toString('hex')}`
try {
  await admin.unsafe(`create database ${dbName}`)
  const url = new URL(PG_ADMIN)
  url.pathname = `/${dbName}`
  const pg = await connectDatabase({ url: url.toString(), pgliteDir: '', as: 'owner', poolMax: 2 })
  await runMigrations(pg)
  await seedDemo(pg.db)
  await pg.close()
  url.username = 'atrium_app'
  await bench('PostgreSQL, memory LRU cache', { DATABASE_URL: url.toString() })
  await bench('PostgreSQL, Redis cache', { DATABASE_URL: url.toString(), REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', NUXT_CACHE_PREFIX: dbName })
}
catch (error) {
  console.log(`\nPostgreSQL skipped: ${(error as Error).message}`)
}
finally {
  await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => {})
  await admin.end()
}
