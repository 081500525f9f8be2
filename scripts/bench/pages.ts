// npm run bench:pages — Atrium beside a bare Nuxt 3 + Nuxt UI 3 app, in one run (127.0.0.1 only).
// The bare app (scripts/bench/bare) is the framework's ceiling: the same Nuxt, Vue and Nuxt UI,
// one SSR page and one JSON route. Starts a private PostgreSQL cluster, migrates and seeds the demo
// tenants (acme at its demo volume; a custom dashboard of four widgets is made through the API), starts both built servers, signs in as acme's admin and loads each case with wrk
// (BENCH_CONNECTIONS, 32, for BENCH_DURATION, 10 s; wrk, the servers and PostgreSQL share the
// machine's cores). Prints req/s, p50 and p99 per case and its share of the bare app's figure
// (JSON routes against the bare JSON route, pages against the bare page), against issue 20's goals;
// the time from spawning each server to its first ready answer; the resident memory of Atrium's
// server after the run. With BENCH_BUILD=1 both apps are built first and the build times printed.
// BENCH_NODE_ARGS='--max-semi-space-size=32' starts Atrium's server with those Node flags.
// BENCH_PROFILE=<case> loads only that case with `node --cpu-prof` and prints the functions that
// took the most CPU (self time), by file. BENCH_CASES='a;b' loads only the cases named (names hold commas, so ';' parts them).
import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connectDatabase } from '../../server/database/connect'
import { runMigrations } from '../../server/database/migrate'
import { seedDemo } from '../../server/database/seed/demo'
import { DEMO_RECORDS, seedDemoRecords } from '../../server/database/seed/demo-records'
import { freePort, privatePostgres } from './private-services'
import { ROOT, send } from './server'
import { signInAs } from './workspace-data'

const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32)
const PROFILE = process.env.BENCH_PROFILE
const NODE_ARGS = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []
const ONLY = process.env.BENCH_CASES?.split(';').map(s => s.trim()).filter(Boolean)
const BARE_DIR = join(ROOT, 'scripts/bench/bare')
const BARE_OUT = join(ROOT, 'node_modules/.cache/bench-bare/.output/server/index.mjs')
const HOST = 'acme.localhost'
const METRICS_TOKEN = randomBytes(16).toString('hex')

if (spawnSync('wrk', ['--version']).error) {
  console.log('bench:pages needs wrk (Debian: apt-get install wrk).')
  process.exit(1)
}

function build(cwd: string, label: string): number {
  const started = performance.now()
  const result = spawnSync('npx', ['nuxt', 'build'], { cwd, stdio: ['ignore', 'ignore', 'inherit'] })
  if (result.status !== 0) throw new Error(`${label}: nuxt build failed`)
  return (performance.now() - started) / 1000
}

/** One request to a server on 127.0.0.1; its status (0 when the connection failed) and body, or the error. */
/** Spawns a built server and times it until `readyPath` first answers 200. */
async function start(entry: string, env: Record<string, string>, readyPath: string, nodeArgs: string[] = []) {
  const port = await freePort()
  const started = performance.now()
  const child = spawn(process.execPath, [...nodeArgs, entry], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'],
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', NUXT_LOG_LEVEL: 'warn', NUXT_ACCESS_LOG: 'false', ...env },
  })
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}`)
    if ((await send(port, readyPath, 'localhost')).status === 200) break
    if (performance.now() - started > 60_000) throw new Error(`${entry} was not ready within 60 s`)
    await new Promise(r => setTimeout(r, 10))
  }
  return { port, child, startSeconds: (performance.now() - started) / 1000 }
}

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGINT'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill(signal)
  })
}

interface Figures { rps: number, p50: number, p99: number, bad: number }

/** wrk's milliseconds from "1.23ms", "456.00us" or "1.20s". */
function ms(text: string): number {
  const m = /([\d.]+)(us|ms|s)/.exec(text)
  if (!m) return Number.NaN
  const value = Number(m[1])
  return m[2] === 'us' ? value / 1000 : m[2] === 's' ? value * 1000 : value
}

function wrk(port: number, path: string, host: string, cookie: string): Figures {
  const args = ['-t1', `-c${CONNECTIONS}`, `-d${DURATION}s`, '--latency', '-H', `Host: ${host}`]
  if (cookie) args.push('-H', `Cookie: ${cookie}`)
  const out = spawnSync('wrk', [...args, `http://127.0.0.1:${port}${path}`], { encoding: 'utf8' }).stdout
  const line = (label: string) => new RegExp(`^\\s*${label}\\s+(\\S+)`, 'm').exec(out)?.[1] ?? ''
  return {
    rps: Number(line('Requests/sec:')),
    p50: ms(line('50%')),
    p99: ms(line('99%')),
    bad: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) + Number(/Socket errors: .*timeout (\d+)/.exec(out)?.[1] ?? 0),
  }
}

/** Self time per function in a .cpuprofile, the top `n`, with the file each lives in. */
function summariseProfile(file: string, n = 30) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: { id: number, callFrame: { functionName: string, url: string, lineNumber: number } }[], samples: number[], timeDeltas: number[] }
  const byId = new Map(profile.nodes.map(node => [node.id, node]))
  const self = new Map<string, number>()
  const byFile = new Map<string, number>()
  let total = 0
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame
    const dt = profile.timeDeltas[i] ?? 0
    total += dt
    const fileName = frame.url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '').replace(/.*node_modules\//, 'node_modules/') || '(native)'
    const key = `${frame.functionName || '(anonymous)'}  ${fileName}:${frame.lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + dt)
    const group = fileName.startsWith('node_modules/') ? fileName.split('/').slice(0, fileName.split('/')[1]!.startsWith('@') ? 3 : 2).join('/') : fileName.split('/').slice(0, 3).join('/')
    byFile.set(group, (byFile.get(group) ?? 0) + dt)
  })
  const pct = (v: number) => `${((100 * v) / total).toFixed(1).padStart(5)} %`
  console.log(`\nCPU profile (${(total / 1e6).toFixed(1)} s sampled): self time by package or folder`)
  for (const [k, v] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${pct(v)}  ${k}`)
  console.log(`\nSelf time by function (top ${n})`)
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`  ${pct(v)}  ${k}`)
}

/** A custom dashboard of four widgets in acme, made through the API (the demo seed has none). */
async function benchDashboard(port: number, cookie: string): Promise<string> {
  const widget = (id: string, title: string, chart: string, query: object, layout: object) => ({ id, title, chart, query, layout })
  const body = JSON.stringify({
    name: 'Bench board',
    widgets: [
      widget('bench-won', 'Won', 'kpi', { metric: 'deals.won_value', compare: true }, { x: 0, y: 0, w: 6, h: 3 }),
      widget('bench-open', 'Open pipeline', 'kpi', { metric: 'deals.open_value', compare: true }, { x: 6, y: 0, w: 6, h: 3 }),
      widget('bench-stage', 'Deals by stage', 'bar', { metric: 'deals.count', dimension: 'stage' }, { x: 0, y: 3, w: 6, h: 5 }),
      widget('bench-owner', 'Deals by owner', 'bar', { metric: 'deals.count', dimension: 'owner' }, { x: 6, y: 3, w: 6, h: 5 }),
    ],
  })
  const made = await send(port, '/api/dashboards', HOST, { cookie, method: 'POST', body })
  if (made.status !== 201) throw new Error(`bench dashboard: ${made.status} ${made.body.slice(0, 300)}`)
  return (JSON.parse(made.body) as { id: string }).id
}

interface Case { name: string, app: 'bare' | 'atrium', kind: 'json' | 'page', path: string, signedIn?: boolean, goal?: number, expect?: RegExp }

async function main() {
  const builds: string[] = []
  if (process.env.BENCH_BUILD === '1' || !existsSync(join(ROOT, '.output/server/index.mjs'))) builds.push(`Atrium: nuxt build ${build(ROOT, 'Atrium').toFixed(0)} s`)
  if (process.env.BENCH_BUILD === '1' || !existsSync(BARE_OUT)) builds.push(`bare Nuxt: nuxt build ${build(BARE_DIR, 'bare').toFixed(0)} s`)

  const db = await privatePostgres()
  const profileDir = PROFILE ? mkdtempSync(join(tmpdir(), 'atrium-profile-')) : ''
  let atrium: ChildProcess | undefined
  let bare: ChildProcess | undefined
  try {
    const owner = await connectDatabase({ url: db.url('postgres'), pgliteDir: '', as: 'owner', poolMax: 1, statementTimeoutMs: 0 })
    await runMigrations(owner)
    await seedDemo(owner.db)
    await seedDemoRecords(owner.db, { acme: DEMO_RECORDS.acme! })
    await owner.close()

    const b = await start(BARE_OUT, {}, '/api/hello')
    bare = b.child
    const a = await start(join(ROOT, '.output/server/index.mjs'), {
      DATABASE_URL: db.url('atrium_app'), NUXT_JOBS_MODE: 'cron', NUXT_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`, NUXT_METRICS_TOKEN: METRICS_TOKEN,
    }, '/api/ready', [...NODE_ARGS, ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])])
    atrium = a.child
    const cookie = await signInAs(a.port, HOST, 'admin@acme.test')
    const first = async (path: string) => {
      const body = (await send(a.port, path, HOST, { cookie })).body
      const id = (JSON.parse(body) as { items?: { id: string }[] }).items?.[0]?.id
      if (!id) throw new Error(`${path}: ${body.slice(0, 300)}`)
      return id
    }
    const account = await first('/api/records/accounts?limit=1')
    const dashboard = await benchDashboard(a.port, cookie)

    const cases: Case[] = [
      { name: 'bare Nuxt JSON route', app: 'bare', kind: 'json', path: '/api/hello' },
      { name: '/api/health (no tenant)', app: 'atrium', kind: 'json', path: '/api/health' },
      { name: '/api/site (tenant, warm)', app: 'atrium', kind: 'json', path: '/api/site' },
      { name: 'one record, signed in (RLS)', app: 'atrium', kind: 'json', path: `/api/records/accounts/${account}`, signedIn: true, goal: 35 },
      { name: 'deals list, signed in (warm)', app: 'atrium', kind: 'json', path: '/api/records/deals', signedIn: true, goal: 20 },
      { name: '/api/analytics/home (warm)', app: 'atrium', kind: 'json', path: '/api/analytics/home', signedIn: true },
      { name: 'bare Nuxt SSR page', app: 'bare', kind: 'page', path: '/' },
      { name: '/login SSR (brand)', app: 'atrium', kind: 'page', path: '/login', expect: /Sign in/ },
      { name: '/ signed-in home SSR', app: 'atrium', kind: 'page', path: '/', signedIn: true, goal: 40, expect: /data-testid="home/ },
      { name: '/accounts list SSR', app: 'atrium', kind: 'page', path: '/accounts', signedIn: true, goal: 50 },
      { name: '/accounts/:id record SSR', app: 'atrium', kind: 'page', path: `/accounts/${account}`, signedIn: true, goal: 50 },
      { name: '/settings/general SSR', app: 'atrium', kind: 'page', path: '/settings/general', signedIn: true, goal: 50 },
      { name: '/dashboards/:id SSR', app: 'atrium', kind: 'page', path: `/dashboards/${dashboard}`, signedIn: true, goal: 50 },
    ]
    const chosen = cases.filter(c => (PROFILE ? c.name === PROFILE : !ONLY || ONLY.includes(c.name)))
    if (!chosen.length) throw new Error(`no case named ${PROFILE ?? ONLY?.join(', ')}; the cases: ${cases.map(c => c.name).join(' | ')}`)
    // Every case must answer 200 (a redirect to the sign-in page would be fast and mean nothing).
    for (const c of cases) {
      const port = c.app === 'bare' ? b.port : a.port
      const answer = await send(port, c.path, c.app === 'bare' ? 'localhost' : HOST, { cookie: c.signedIn ? cookie : '' })
      if (answer.status !== 200 || (c.expect && !c.expect.test(answer.body))) throw new Error(`${c.name}: ${answer.status} ${answer.body.slice(0, 200)}`)
    }

    console.log(`\nwrk, ${CONNECTIONS} connections, ${DURATION} s per case; Atrium on PostgreSQL with the demo data; wrk, servers and PostgreSQL on the same ${(await import('node:os')).cpus().length} cores`)
    console.log(`  ${'case'.padEnd(32)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'vs bare'.padStart(8)}  goal`)
    const baseline: Partial<Record<Case['kind'], number>> = {}
    let missed = 0
    for (const c of chosen) {
      const port = c.app === 'bare' ? b.port : a.port
      wrk(port, c.path, c.app === 'bare' ? 'localhost' : HOST, c.signedIn ? cookie : '') // warm-up pass, figures dropped
      const f = wrk(port, c.path, c.app === 'bare' ? 'localhost' : HOST, c.signedIn ? cookie : '')
      if (c.app === 'bare') baseline[c.kind] = f.rps
      const base = baseline[c.kind]
      const share = base ? (100 * f.rps) / base : undefined
      const verdict = c.goal === undefined ? '' : share === undefined ? `≥ ${c.goal} % (no baseline in this run)` : `≥ ${c.goal} % ${share >= c.goal ? 'ok' : 'MISSED'}`
      if (c.goal !== undefined && share !== undefined && share < c.goal) missed++
      console.log(`  ${c.name.padEnd(32)} ${f.rps.toFixed(0).padStart(8)} ${f.p50.toFixed(1).padStart(8)} ${f.p99.toFixed(1).padStart(8)} ${(share === undefined ? '' : `${share.toFixed(0)} %`).padStart(8)}  ${verdict}${f.bad ? `  (${f.bad} non-2xx or timeouts)` : ''}`)
    }
    const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${a.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
    console.log(`\nStart to first ready answer: Atrium ${a.startSeconds.toFixed(2)} s (/api/ready, goal < 3 s ${a.startSeconds < 3 ? 'ok' : 'MISSED'}), bare Nuxt ${b.startSeconds.toFixed(2)} s`)
    console.log(`Atrium's resident memory after the run: ${rss.toFixed(0)} MB (goal < 350 MB ${rss < 350 ? 'ok' : 'MISSED'})`)
    // What of it is the JavaScript heap, and what the answer caches hold (from /metrics).
    const scrape = async () => {
      const answer = await send(a.port, '/metrics', 'localhost', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
      return answer.status === 200 ? answer.body : `(/metrics answered ${answer.status}: ${answer.body.slice(0, 200)})`
    }
    // Right after a case the server may still be answering its backlog: ask again a little later.
    let scraped = await scrape()
    for (let i = 0; i < 5 && scraped.startsWith('('); i++) {
      await new Promise(r => setTimeout(r, 1000))
      scraped = await scrape()
    }
    if (scraped.startsWith('(')) console.log(`  ${scraped}`)
    const series = (name: string) => [...scraped.matchAll(new RegExp(`^${name}(\\{[^}]*\\})? (\\S+)$`, 'gm'))].map(m => ({ labels: m[1] ?? '', value: Number(m[2]) }))
    const mbOf = (name: string) => ((series(name)[0]?.value ?? 0) / 1024 / 1024).toFixed(0)
    console.log(`  heap used ${mbOf('atrium_nodejs_heap_size_used_bytes')} MB of ${mbOf('atrium_nodejs_heap_size_total_bytes')} MB, external ${mbOf('atrium_nodejs_external_memory_bytes')} MB; answer caches: ${series('atrium_answer_cache_bytes').map(s => `${/cache="([^"]+)"/.exec(s.labels)?.[1]} ${(s.value / 1024 / 1024).toFixed(1)} MB`).join(', ') || 'empty'}`)
    if (builds.length) console.log(`Builds: ${builds.join('; ')}`)
    if (missed) console.log(`${missed} case(s) below their goal.`)
  }
  finally {
    if (bare) await stop(bare)
    if (atrium) await stop(atrium)
    await db.stop()
    if (PROFILE) {
      const file = readdirSync(profileDir).find(f => f.endsWith('.cpuprofile'))
      if (file) summariseProfile(join(profileDir, file))
      else console.log('no CPU profile was written')
      if (!process.env.BENCH_KEEP_PROFILE) rmSync(profileDir, { recursive: true, force: true })
      else console.log(`profile kept in ${profileDir}`)
    }
  }
}

await main()
