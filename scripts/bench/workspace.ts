// npm run bench:workspace — the staff workspace's lists and search at volume (127.0.0.1 only).
// Seeds a fresh PostgreSQL database with 10,000 extra tenants × 1,000 records (accounts,
// contacts, leads, deals, tasks, tickets; set-based SQL, the search triggers included) and acme at
// full demo volume (drizzle/seed/demo-records.ts), starts the built server as the app role, signs
// in as acme's admin and times, at 32 concurrent requests, every list API (default sort, a
// filtered and sorted view, a deep keyset page) and search for a few prefixes: p50/p95/p99 against
// the targets (lists p95 < 100 ms, search p95 < 150 ms). Then prints EXPLAIN (ANALYZE, BUFFERS)
// of the heaviest list query and of the heaviest search, as the app runs them.
// Options (env): BENCH_TENANTS=10000, BENCH_RECORDS=1000 (per tenant), BENCH_DURATION=5 (s per
// case), BENCH_CONCURRENCY=32, BENCH_KEEP=1 keeps the database (its name is printed).
import { randomBytes } from 'node:crypto'
import { Agent, request } from 'node:http'
import postgres from 'postgres'
import { sql } from 'drizzle-orm'
import { connectDatabase, rowsOf } from '../../server/database/connect'
import type { DatabaseHandle, Tx } from '../../server/database/connect'
import { runMigrations } from '../../server/database/migrate'
import { seedDemo } from '../../drizzle/seed/demo'
import { DEMO_RECORDS, seedDemoRecords } from '../../drizzle/seed/demo-records'
import type { RecordType } from '../../shared/records'
import { RECORD_TYPES } from '../../shared/records'
import { searchQuerySchema } from '../../shared/schemas/search'
import { listRecords } from '../../server/services/records/read'
import { searchRecords } from '../../server/services/search'
import type { RecordActor } from '../../server/services/records/visibility'
import { TenantScope } from '../../server/utils/tenant-db'
import { ensureBuilt, percentile, startServer } from './server'

const TENANTS = Number(process.env.BENCH_TENANTS ?? 10_000)
const PER_TENANT = Number(process.env.BENCH_RECORDS ?? 1_000)
const DURATION = Number(process.env.BENCH_DURATION ?? 5)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32)
const PG_ADMIN = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const HOST = 'acme.localhost'
const TARGET = { list: 100, search: 150 }
/** Tenants written per statement. */
const CHUNK = 500

/** How a bench tenant's records split over the types (sums to 1). */
const SHARE = { accounts: 0.15, contacts: 0.35, leads: 0.1, deals: 0.1, tasks: 0.15, tickets: 0.15 }
const per = (type: keyof typeof SHARE) => Math.max(1, Math.round(PER_TENANT * SHARE[type]))

ensureBuilt()

// Word lists as SQL arrays, indexed with arithmetic on the row number (no random(), so reruns match).
const WORDS = `(select
  array['Blue','North','Silver','Bright','Cedar','Harbor','Summit','Atlas','Iron','Golden','Maple','Red','Pine','Granite','Clear','Open','Swift','True','Green','Stone'] as w1,
  array['River','Peak','Bridge','Field','Wave','Forge','Leaf','Line','Point','Gate','Rock','Star','Path','Wing','Light','Bay','Ridge','Works','Craft','Grid'] as w2,
  array['Logistics','Systems','Foods','Health','Labs','Capital','Energy','Media','Retail','Analytics'] as kind,
  array['Software','Manufacturing','Retail','Healthcare','Financial services','Logistics','Education','Hospitality','Energy','Media'] as industry,
  array['Berlin','London','Paris','Madrid','New York','Chicago','Toronto','Sydney','Tokyo','Lisbon'] as city,
  array['Germany','United Kingdom','France','Spain','United States','United States','Canada','Australia','Japan','Portugal'] as country,
  array['Ada','Ben','Carla','David','Elena','Felix','Grace','Hugo','Ines','Jonas','Kai','Laura','Marco','Nina','Omar','Priya','Rosa','Sean','Tara','Wei'] as fn,
  array['Baker','Chen','Diaz','Evans','Fischer','Garcia','Hansen','Ito','Jensen','Khan','Lopez','Meyer','Novak','Okafor','Patel','Rossi','Silva','Tanaka','Weber','Young'] as ln,
  array['Cannot sign in','Invoice shows the wrong amount','Export times out','Error when saving','Dashboard is slow','Emails not arriving','Duplicate records after import','Report totals differ'] as subject
) w`

/** The chunk's tenants with their bench number n. */
const chunk = (lo: number, hi: number) => `(select id, substr(slug, 8)::int as n from tenants where slug like 'wbench-%' and substr(slug, 8)::int between ${lo} and ${hi}) t`
/** A deterministic id for a bench tenant's row, so children can point at parents without a lookup. */
const rid = (kind: string, g = 'g') => `md5(t.n || '-${kind}-' || (${g}))::uuid`
const ago = (g = 'g') => `now() - ((${g} * 7919 + t.n * 104729) % 730) * interval '1 day' - ((${g} * 7907) % 86400) * interval '1 second'`

async function seedBenchTenants(handle: DatabaseHandle) {
  const exec = (text: string) => handle.db.execute(sql.raw(text))
  const started = performance.now()
  await exec(`
    insert into tenants (id, slug, name, status, plan_id, theme)
    select gen_random_uuid(), 'wbench-' || g, 'Bench ' || g, 'active',
      (select id from plans where key = 'pro'), (select theme from tenants where slug = 'acme')
    from generate_series(1, ${TENANTS}) g`)
  for (let lo = 1; lo <= TENANTS; lo += CHUNK) {
    const hi = Math.min(TENANTS, lo + CHUNK - 1)
    const from = `from ${chunk(lo, hi)} cross join ${WORDS}`
    await exec(`insert into pipelines (tenant_id, id, name, is_default) select t.id, ${rid('p', '0')}, 'Sales', true from ${chunk(lo, hi)}`)
    await exec(`insert into pipeline_stages (tenant_id, id, pipeline_id, name, position, probability, kind)
      select t.id, ${rid('s', 'k')}, ${rid('p', '0')}, (array['Prospecting','Qualification','Proposal','Negotiation','Won','Lost'])[k + 1], k,
        (array[10,25,50,75,100,0])[k + 1], (array['open','open','open','open','won','lost'])[k + 1]::stage_kind
      from ${chunk(lo, hi)} cross join generate_series(0, 5) k`)
    await exec(`insert into accounts (tenant_id, id, name, domain, industry, city, country, employees, created_at, updated_at)
      select t.id, ${rid('a')}, w1[1 + (g * 7 + t.n) % 20] || ' ' || w2[1 + (g * 13 + t.n * 3) % 20] || ' ' || kind[1 + (g + t.n * 7) % 10],
        lower(w1[1 + (g * 7 + t.n) % 20] || w2[1 + (g * 13 + t.n * 3) % 20]) || g || '.com', industry[1 + (g * 3 + t.n) % 10],
        city[1 + (g * 11 + t.n) % 10], country[1 + (g * 11 + t.n) % 10], 10 + (g * 37 + t.n) % 5000, ${ago()}, ${ago()}
      ${from} cross join generate_series(1, ${per('accounts')}) g`)
    await exec(`insert into contacts (tenant_id, id, account_id, first_name, last_name, email, job_title, created_at, updated_at)
      select t.id, ${rid('c')}, ${rid('a', `1 + g % ${per('accounts')}`)}, fn[1 + (g * 7 + t.n) % 20], ln[1 + (g * 11 + t.n * 3) % 20],
        lower(fn[1 + (g * 7 + t.n) % 20] || '.' || ln[1 + (g * 11 + t.n * 3) % 20]) || g || '@example.com', 'Buyer', ${ago()}, ${ago()}
      ${from} cross join generate_series(1, ${per('contacts')}) g`)
    await exec(`insert into leads (tenant_id, id, first_name, last_name, company, status, source, created_at, updated_at)
      select t.id, ${rid('l')}, fn[1 + (g * 3 + t.n) % 20], ln[1 + (g * 17 + t.n) % 20], w1[1 + g % 20] || ' ' || kind[1 + g % 10],
        (array['new','contacted','qualified','converted','lost'])[1 + g % 5]::lead_status, 'website', ${ago()}, ${ago()}
      ${from} cross join generate_series(1, ${per('leads')}) g`)
    await exec(`insert into deals (tenant_id, id, name, account_id, pipeline_id, stage_id, amount_minor, status, expected_close_date, created_at, updated_at)
      select t.id, ${rid('d')}, w1[1 + (g * 7 + t.n) % 20] || ' ' || w2[1 + g % 20] || ' renewal', ${rid('a', `1 + g % ${per('accounts')}`)}, ${rid('p', '0')}, ${rid('s', 'g % 6')},
        ((g * 7919 + t.n) % 500) * 10000, (array['open','open','open','open','won','lost'])[1 + g % 6]::deal_status,
        (current_date + ((g * 31 + t.n) % 365 - 180)), ${ago()}, ${ago()}
      ${from} cross join generate_series(1, ${per('deals')}) g`)
    await exec(`insert into tasks (tenant_id, id, title, status, priority, due_at, created_at, updated_at)
      select t.id, ${rid('k')}, 'Call ' || fn[1 + (g * 5 + t.n) % 20] || ' ' || ln[1 + (g * 3 + t.n) % 20],
        (array['open','done','done'])[1 + g % 3]::task_status, (array['low','normal','normal','high','urgent'])[1 + g % 5]::record_priority,
        now() + ((g * 37 + t.n) % 60 - 30) * interval '1 day', ${ago()}, ${ago()}
      ${from} cross join generate_series(1, ${per('tasks')}) g`)
    await exec(`insert into tickets (tenant_id, id, subject, status, priority, channel, account_id, sla_due_at, created_at, updated_at)
      select t.id, ${rid('t')}, subject[1 + (g * 3 + t.n) % 8], (array['new','open','pending','resolved','closed','closed'])[1 + g % 6]::ticket_status,
        (array['low','normal','normal','high','urgent'])[1 + g % 5]::record_priority, 'email', ${rid('a', `1 + g % ${per('accounts')}`)},
        ${ago()} + interval '1 day', ${ago()}, ${ago()}
      ${from} cross join generate_series(1, ${per('tickets')}) g`)
    process.stdout.write(`\r  bench tenants ${hi.toLocaleString('en')} / ${TENANTS.toLocaleString('en')} (${((performance.now() - started) / 1000).toFixed(0)} s)`)
  }
  process.stdout.write('\n')
}

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

async function signInAdmin(port: number): Promise<string> {
  const body = JSON.stringify({ email: 'admin@acme.test', password: 'Demo-pass-2026' })
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/auth/login', method: 'POST', headers: { 'host': HOST, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, setHost: false }, (res) => {
      res.resume()
      res.on('end', () => (res.statusCode === 200 ? resolve(String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]!) : reject(new Error(`sign-in: ${res.statusCode}`))))
    })
    req.on('error', reject)
    req.end(body)
  })
}

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

/** The SQL the app sends for `fn` (captured from drizzle's logger), EXPLAINed as the app role. */
async function explain(appUrl: string, tenantId: string, fn: (scope: TenantScope) => Promise<unknown>, pick: (text: string) => boolean) {
  const captured: { text: string, params: unknown[] }[] = []
  const app = await connectDatabase({ url: appUrl, pgliteDir: '', as: 'app', poolMax: 1, onQuery: ((text: string, params: unknown[]) => captured.push({ text, params })) as unknown as () => void })
  const client = postgres(appUrl, { max: 1, onnotice: () => {} })
  try {
    await app.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`)
      await fn(new TenantScope(tx as Tx, tenantId))
    })
    const query = captured.find(q => pick(q.text))
    if (!query) return '(query not captured)'
    const plan = await client.begin(async (tx) => {
      await tx`select set_config('app.tenant_id', ${tenantId}, true)`
      return tx.unsafe(`explain (analyze, buffers) ${query.text}`, query.params as never[])
    })
    return `${query.text.replace(/\s+/g, ' ').slice(0, 600)}\n${plan.map(r => `    ${r['QUERY PLAN']}`).join('\n')}`
  }
  finally {
    await app.close()
    await client.end()
  }
}

const admin = postgres(PG_ADMIN, { max: 1, onnotice: () => {} })
const dbName = `atrium_bench_ws_${randomBytes(4).toString('hex')}`
const benchStarted = performance.now()
try {
  await admin.unsafe(`create database ${dbName}`)
  const url = new URL(PG_ADMIN)
  url.pathname = `/${dbName}`
  console.log(`Seeding ${TENANTS.toLocaleString('en')} tenants × ${PER_TENANT.toLocaleString('en')} records and acme at demo volume into ${dbName}…`)
  const owner = await connectDatabase({ url: url.toString(), pgliteDir: '', as: 'owner', poolMax: 1, statementTimeoutMs: 0 })
  await runMigrations(owner)
  await seedDemo(owner.db)
  let t0 = performance.now()
  await owner.db.execute(sql.raw('set synchronous_commit = off'))
  await seedBenchTenants(owner)
  console.log(`  bench tenants seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`)
  t0 = performance.now()
  const [acmeReport] = await seedDemoRecords(owner.db, { acme: DEMO_RECORDS.acme! })
  console.log(`  acme: ${Object.entries(acmeReport!.counts ?? {}).map(([k, n]) => `${n.toLocaleString('en')} ${k}`).join(', ')} in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  t0 = performance.now()
  await owner.db.execute(sql.raw('vacuum analyze'))
  console.log(`  vacuum analyze in ${((performance.now() - t0) / 1000).toFixed(0)} s`)
  const [sizes] = rowsOf<{ records: string, search: string }>(await owner.db.execute(sql.raw(`select
    (select to_char(sum(n_live_tup), 'FM999,999,999') from pg_stat_user_tables where relname in ('accounts','contacts','leads','deals','tasks','tickets')) as records,
    (select to_char(n_live_tup, 'FM999,999,999') from pg_stat_user_tables where relname = 'search_index') as search`)))
  console.log(`  ${sizes!.records} records, ${sizes!.search} search index rows`)
  const [acme] = rowsOf<{ tenant: string, user: string }>(await owner.db.execute(sql.raw(`select t.id as tenant, u.id as user from tenants t join users u on u.tenant_id = t.id where t.slug = 'acme' and u.email = 'admin@acme.test'`)))
  await owner.close()

  url.username = 'atrium_app'
  const appUrl = url.toString()
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

    console.log(`\nPostgreSQL, acme (${CONCURRENCY} concurrent requests, ${DURATION} s each; load generator on the same cores)`)
    console.log(`  ${'case'.padEnd(34)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'req/s'.padStart(7)}  target`)
    for (const c of cases) {
      const r = await load(port, cookie, c.path)
      results.push({ ...c, ...r })
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
  if (process.env.BENCH_KEEP === '1') console.log(`\nkept database ${dbName}`)
  else await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => {})
  await admin.end()
}
