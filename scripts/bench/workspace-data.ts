// The data of the workspace benchmarks, shared by bench:workspace and bench:dashboard: a fresh
// PostgreSQL database with N bench tenants (wbench-1…) × M records (accounts, contacts, leads,
// deals, tasks, tickets; set-based SQL, the search and analytics triggers included) and acme at
// full demo volume (server/database/seed/demo-records.ts); sign-in over HTTP for the load generators.
import { randomBytes } from 'node:crypto'
import { request } from 'node:http'
import postgres from 'postgres'
import { sql } from 'drizzle-orm'
import { connectDatabase, rowsOf } from '../../server/database/connect'
import type { DatabaseHandle, Tx } from '../../server/database/connect'
import { TenantScope } from '../../server/utils/tenant-db'
import { runMigrations } from '../../server/database/migrate'
import { seedDemo } from '../../server/database/seed/demo'
import { DEMO_RECORDS, seedDemoRecords } from '../../server/database/seed/demo-records'

export const PG_ADMIN = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
/** Tenants written per statement. */
const CHUNK = 500

/** How a bench tenant's records split over the types (sums to 1). */
const SHARE = { accounts: 0.15, contacts: 0.35, leads: 0.1, deals: 0.1, tasks: 0.15, tickets: 0.15 }

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

/** Seeds `tenants` bench tenants (wbench-1…) with `perTenant` records each, set-based, in chunks of CHUNK tenants. */
export async function seedBenchTenants(handle: DatabaseHandle, TENANTS: number, PER_TENANT: number) {
  const per = (type: keyof typeof SHARE) => Math.max(1, Math.round(PER_TENANT * SHARE[type]))
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

export interface BenchDatabase {
  /** The database's name and its URLs as owner and as the app role. */
  name: string
  ownerUrl: string
  appUrl: string
  /** Drops it (unless BENCH_KEEP=1) and closes the admin connection. */
  drop: () => Promise<void>
}

/**
 * Creates and seeds a fresh database: migrations, the demo tenants, `tenants` bench tenants ×
 * `perTenant` records, acme at demo volume, then `extra` (as owner) and VACUUM ANALYZE.
 */
export async function createBenchDatabase(opts: { prefix: string, tenants: number, perTenant: number, extra?: (owner: DatabaseHandle) => Promise<void> }): Promise<BenchDatabase> {
  const admin = postgres(PG_ADMIN, { max: 1, onnotice: () => {} })
  const name = `${opts.prefix}_${randomBytes(4).toString('hex')}`
  const drop = async () => {
    if (process.env.BENCH_KEEP === '1') console.log(`\nkept database ${name}`)
    else await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {})
    await admin.end()
  }
  // BENCH_DB=<name> runs against a database an earlier run kept (BENCH_KEEP=1): no seeding (only `extra`, which
  // must be idempotent), and kept again.
  const reuse = process.env.BENCH_DB
  if (reuse) {
    const url = new URL(PG_ADMIN)
    url.pathname = `/${reuse}`
    const ownerUrl = url.toString()
    url.username = 'atrium_app'
    console.log(`Using the kept database ${reuse} (no seeding)`)
    if (opts.extra) {
      const owner = await connectDatabase({ url: ownerUrl, pgliteDir: '', as: 'owner', poolMax: 1, statementTimeoutMs: 0 })
      await opts.extra(owner)
      await owner.close()
    }
    return { name: reuse, ownerUrl, appUrl: url.toString(), drop: () => admin.end() }
  }
  try {
    await admin.unsafe(`create database ${name}`)
    const url = new URL(PG_ADMIN)
    url.pathname = `/${name}`
    console.log(`Seeding ${opts.tenants.toLocaleString('en')} tenants × ${opts.perTenant.toLocaleString('en')} records and acme at demo volume into ${name}…`)
    const owner = await connectDatabase({ url: url.toString(), pgliteDir: '', as: 'owner', poolMax: 1, statementTimeoutMs: 0 })
    await runMigrations(owner)
    await seedDemo(owner.db)
    let t0 = performance.now()
    await owner.db.execute(sql.raw('set synchronous_commit = off'))
    await seedBenchTenants(owner, opts.tenants, opts.perTenant)
    console.log(`  bench tenants seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`)
    t0 = performance.now()
    const [acmeReport] = await seedDemoRecords(owner.db, { acme: DEMO_RECORDS.acme! })
    console.log(`  acme: ${Object.entries(acmeReport!.counts ?? {}).map(([k, n]) => `${n.toLocaleString('en')} ${k}`).join(', ')} in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    if (opts.extra) await opts.extra(owner)
    t0 = performance.now()
    await owner.db.execute(sql.raw('vacuum analyze'))
    console.log(`  vacuum analyze in ${((performance.now() - t0) / 1000).toFixed(0)} s`)
    const [sizes] = rowsOf<{ records: string, search: string }>(await owner.db.execute(sql.raw(`select
      (select to_char(sum(n_live_tup), 'FM999,999,999') from pg_stat_user_tables where relname in ('accounts','contacts','leads','deals','tasks','tickets')) as records,
      (select to_char(n_live_tup, 'FM999,999,999') from pg_stat_user_tables where relname = 'search_index') as search`)))
    console.log(`  ${sizes!.records} records, ${sizes!.search} search index rows`)
    await owner.close()
    const ownerUrl = url.toString()
    url.username = 'atrium_app'
    return { name, ownerUrl, appUrl: url.toString(), drop }
  }
  catch (error) {
    await drop()
    throw error
  }
}

/** Signs in over HTTP (demo password) and returns the session cookie. */
export async function signInAs(port: number, host: string, email: string, password = 'Demo-pass-2026'): Promise<string> {
  const body = JSON.stringify({ email, password })
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/auth/login', method: 'POST', headers: { 'host': host, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, setHost: false }, (res) => {
      res.resume()
      res.on('end', () => (res.statusCode === 200 ? resolve(String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]!) : reject(new Error(`sign-in of ${email} on ${host}: ${res.statusCode}`))))
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** The SQL the app sends for `fn` (drizzle's logger), the statement `pick` chooses EXPLAINed (ANALYZE, BUFFERS) as the app role. */
export async function explainAsApp(appUrl: string, tenantId: string, fn: (scope: TenantScope) => Promise<unknown>, pick: (text: string) => boolean) {
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
    return `${query.text.replace(/\s+/g, ' ').slice(0, 900)}\n${plan.map(r => `    ${r['QUERY PLAN']}`).join('\n')}`
  }
  finally {
    await app.close()
    await client.end()
  }
}
