// npm run bench:workspace — the staff workspace's lists and search at volume (127.0.0.1 only).
// Seeds a fresh PostgreSQL database with 10,000 extra tenants × 1,000 records (accounts,
// contacts, leads, deals, tasks, tickets; scripts/bench/workspace-data.ts) and acme at full demo
// volume, starts the built server as the app role, signs
// in as acme's admin and times, at 32 concurrent requests, every list API (default sort, a
// filtered and sorted view, a deep keyset page) and search for a few prefixes: p50/p95/p99 against
// the targets (lists p95 < 100 ms, search p95 < 150 ms). Those repeat one address, so after the
// first request they are answered from the revision-keyed cache (server/services/records/
// page-cache.ts); the "cold" cases send hundreds of distinct views, each once, so every request
// computes its page. Then prints EXPLAIN (ANALYZE, BUFFERS) of the heaviest list query and of
// the heaviest search, as the app runs them.
// Options (env): BENCH_TENANTS=10000, BENCH_RECORDS=1000 (per tenant), BENCH_DURATION=5 (s per
// case), BENCH_CONCURRENCY=32, BENCH_KEEP=1 keeps the database (its name is printed).
import { Agent, request } from 'node:http'
import postgres from 'postgres'
import type { FieldDef, RecordType } from '../../shared/records'
import { RECORD_TYPES, RECORDS } from '../../shared/records'
import { searchQuerySchema } from '../../shared/schemas/search'
import { listRecords } from '../../server/services/crm/records/read'
import { searchRecords } from '../../server/services/crm/search'
import type { RecordActor } from '../../server/services/crm/records/visibility'
import { ensureBuilt, percentile, startServer } from './server'
import { createBenchDatabase, explainAsApp as explain, signInAs } from './workspace-data'

const TENANTS = Number(process.env.BENCH_TENANTS ?? 10_000)
const PER_TENANT = Number(process.env.BENCH_RECORDS ?? 1_000)
const DURATION = Number(process.env.BENCH_DURATION ?? 5)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32)
const HOST = 'acme.localhost'
const TARGET = { list: 100, search: 150 }
ensureBuilt()

/** One GET with the admin's cookie; resolves its time in ms (rejects on a non-200). */
function get(port: number, agent: Agent, cookie: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    request({ host: '127.0.0.1', port, path, agent, headers: { host: HOST, cookie }, setHost: false }, (res) => {
      res.resume()
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`${path}: ${res.statusCode}`))))
    }).on('error', reject).end()
  })
}

async function getJson<T>(port: number, cookie: string, path: string): Promise<T> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers: { host: HOST, cookie }, setHost: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c) => {
        body += c
      })
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(body) as T) : reject(new Error(`${path}: ${res.statusCode} ${body}`))))
    }).on('error', reject).end()
  })
}

const signInAdmin = (port: number) => signInAs(port, HOST, 'admin@acme.test')

/** `CONCURRENCY` requests in flight for DURATION seconds; every latency kept. */
async function load(port: number, cookie: string, path: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  for (let i = 0; i < 5; i++) await get(port, agent, cookie, path) // warm
  const times: number[] = []
  let errors = 0
  const end = performance.now() + DURATION * 1000
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < end) {
      try {
        times.push(await get(port, agent, cookie, path))
      }
      catch {
        errors++
      }
    }
  }))
  agent.destroy()
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), p99: percentile(times, 0.99), rps: times.length / DURATION, errors }
}

/** Every path once, `CONCURRENCY` in flight: each request computes its answer (nothing repeats, so nothing is cached). */
async function loadOnce(port: number, cookie: string, paths: string[]) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const queue = [...paths]
  const times: number[] = []
  let errors = 0
  const started = performance.now()
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    for (let path = queue.shift(); path; path = queue.shift()) {
      try {
        times.push(await get(port, agent, cookie, path))
      }
      catch {
        errors++
      }
    }
  }))
  const seconds = (performance.now() - started) / 1000
  agent.destroy()
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), p99: percentile(times, 0.99), rps: times.length / seconds, errors }
}

/** 320 distinct views of a list, alike in cost: each sortable field, both directions, page sizes 25–64. */
function coldListPaths(type: RecordType): string[] {
  const sorts = Object.entries(RECORDS[type].fields as Record<string, FieldDef>).filter(([, f]) => f.sortable).map(([k]) => k)
  const paths: string[] = []
  for (let limit = 25; paths.length < 320; limit++) {
    for (const sort of sorts) for (const dir of ['asc', 'desc']) paths.push(`/api/records/${type}?sort=${sort}&dir=${dir}&limit=${limit}`)
  }
  return paths.slice(0, 320)
}

/** 320 distinct searches: prefixes of common words and names, with page sizes 5–20. */
function coldSearchPaths(): string[] {
  const prefixes = ['chen', 'blue', 'inv', 'north ri', 'mar', 'silv', 'bri', 'ced', 'harb', 'summ', 'atl', 'iron', 'gold', 'map', 'pine', 'gran', 'swi', 'stone', 'riv', 'peak']
  return prefixes.flatMap(q => Array.from({ length: 16 }, (_, i) => `/api/search?q=${encodeURIComponent(q)}&limit=${5 + i}`))
}

/** The list views measured per type: default order, a filtered and sorted view (deep page added later). */
const FILTERED: Record<RecordType, string> = {
  accounts: 'country=Germany&sort=employees&dir=desc',
  contacts: `createdAtFrom=${new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10)}&sort=createdAt&dir=desc`,
  leads: 'status=new,contacted&sort=createdAt&dir=desc',
  deals: 'status=open&sort=amountMinor&dir=desc',
  tasks: 'status=open&priority=high,urgent&sort=dueAt&dir=asc',
  tickets: 'status=new,open,pending&priority=urgent,high&sort=slaDueAt&dir=asc',
}
const SEARCHES = ['chen', 'blue', 'inv', 'north ri', 'mar', 'a']

const benchStarted = performance.now()
const bench = await createBenchDatabase({ prefix: 'atrium_bench_ws', tenants: TENANTS, perTenant: PER_TENANT })
try {
  const owner = postgres(bench.ownerUrl, { max: 1, onnotice: () => {} })
  const [acme] = await owner<{ tenant: string, user: string }[]>`select t.id as tenant, u.id as user from tenants t join users u on u.tenant_id = t.id where t.slug = 'acme' and u.email = 'admin@acme.test'`
  await owner.end()
  const appUrl = bench.appUrl
  const { port, child } = await startServer({ DATABASE_URL: appUrl, NUXT_JOBS_MODE: 'cron' })
  const results: { kind: 'list' | 'search', name: string, path: string, p50: number, p95: number, p99: number, rps: number, errors: number }[] = []
  try {
    const cookie = await signInAdmin(port)
    const cases: { kind: 'list' | 'search', name: string, path: string }[] = []
    for (const type of RECORD_TYPES) {
      cases.push({ kind: 'list', name: `${type}: default`, path: `/api/records/${type}` })
      cases.push({ kind: 'list', name: `${type}: filtered, sorted`, path: `/api/records/${type}?${FILTERED[type]}` })
      // Twenty pages in, by the keyset cursor.
      let cursor: string | null = null
      for (let i = 0; i < 20; i++) {
        const page: { nextCursor: string | null } = await getJson(port, cookie, `/api/records/${type}?limit=50${cursor ? `&cursor=${cursor}` : ''}`)
        if (!page.nextCursor) break
        cursor = page.nextCursor
      }
      if (cursor) cases.push({ kind: 'list', name: `${type}: page 21 (keyset)`, path: `/api/records/${type}?limit=50&cursor=${cursor}` })
    }
    for (const q of SEARCHES) cases.push({ kind: 'search', name: `search "${q}"`, path: `/api/search?q=${encodeURIComponent(q)}&limit=10` })
    const coldCases: { kind: 'list' | 'search', name: string, paths: string[] }[] = [
      ...RECORD_TYPES.map(type => ({ kind: 'list' as const, name: `${type}: cold (320 views)`, paths: coldListPaths(type) })),
      { kind: 'search', name: 'search: cold (320 queries)', paths: coldSearchPaths() },
    ]

    console.log(`\nPostgreSQL, acme (${CONCURRENCY} concurrent requests, ${DURATION} s each; load generator on the same cores)`)
    console.log(`  ${'case'.padEnd(34)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'req/s'.padStart(7)}  target`)
    for (const c of cases) {
      const r = await load(port, cookie, c.path)
      results.push({ ...c, ...r })
      const target = TARGET[c.kind]
      console.log(`  ${c.name.padEnd(34)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${r.rps.toFixed(0).padStart(7)}  p95 < ${target} ms ${r.p95 < target ? 'ok' : 'MISSED'}${r.errors ? `, ${r.errors} errors` : ''}`)
    }
    console.log(`\nCold: distinct views, each requested once (${CONCURRENCY} in flight), so every page is computed`)
    for (const c of coldCases) {
      const r = await loadOnce(port, cookie, c.paths)
      results.push({ kind: c.kind, name: c.name, path: c.paths[0]!, ...r })
      const target = TARGET[c.kind]
      console.log(`  ${c.name.padEnd(34)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${r.rps.toFixed(0).padStart(7)}  p95 < ${target} ms ${r.p95 < target ? 'ok' : 'MISSED'}${r.errors ? `, ${r.errors} errors` : ''}`)
    }
  }
  finally {
    child.kill('SIGTERM')
  }

  // EXPLAIN of the slowest list and search, as the app sends them (same code, same role, acme's tenant).
  const actor: RecordActor = { userId: acme!.user, recordScope: 'all' }
  const heaviestList = results.filter(r => r.kind === 'list').sort((a, b) => b.p95 - a.p95)[0]!
  const heaviestSearch = results.filter(r => r.kind === 'search').sort((a, b) => b.p95 - a.p95)[0]!
  const listUrl = new URL(heaviestList.path, 'http://x')
  const listType = listUrl.pathname.split('/').at(-1) as RecordType
  console.log(`\nEXPLAIN (ANALYZE, BUFFERS) — heaviest list: ${heaviestList.name}`)
  console.log(await explain(appUrl, acme!.tenant, scope => listRecords(scope, actor, listType, Object.fromEntries(listUrl.searchParams)), text => /order by/i.test(text) && new RegExp(`from "${listType}"`).test(text)))
  console.log(`\nEXPLAIN (ANALYZE, BUFFERS) — heaviest list's capped count`)
  console.log(await explain(appUrl, acme!.tenant, scope => listRecords(scope, actor, listType, Object.fromEntries(listUrl.searchParams)), text => /count\(\*\)/i.test(text)))
  const searchUrl = new URL(heaviestSearch.path, 'http://x')
  console.log(`\nEXPLAIN (ANALYZE, BUFFERS) — heaviest search: ${heaviestSearch.name}`)
  console.log(await explain(appUrl, acme!.tenant, scope => searchRecords(scope, actor, [...RECORD_TYPES], searchQuerySchema.parse(Object.fromEntries(searchUrl.searchParams))), text => /search_index/.test(text)))

  const missed = results.filter(r => r.p95 >= TARGET[r.kind])
  console.log(`\n${missed.length ? `${missed.length} case(s) missed the p95 target: ${missed.map(m => m.name).join(', ')}` : 'Every case met its p95 target.'} (whole run ${((performance.now() - benchStarted) / 60_000).toFixed(1)} min)`)
}
finally {
  await bench.drop()
}
