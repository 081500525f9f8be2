// npm run bench:reports [-- --quick] — reports at volume (127.0.0.1 only). Same data as
// bench:workspace (scripts/bench/workspace-data.ts: BENCH_TENANTS × BENCH_RECORDS bench tenants and
// acme at demo volume), plus acme's deals copied up to BENCH_ROWS (100,000). Starts the built server
// as the app role and measures, for a 100,000-row report of deals (name, account, owner, stage,
// status, amount, created, a calculated column), each file format's (CSV, JSON, XLSX, PDF) time to the last byte, its
// size and the server's peak resident memory (VmHWM) after it; then the grouped "pipeline
// performance" template over the same deals, on screen, cold and again. Last, the compliance
// report over acme's audit log grown to BENCH_AUDIT entries (200,000, over the past year): the
// template on screen (all time, grouped by category and month) and a 90-day detail as CSV.
// --quick: 200 tenants × 200 records. Options (env): BENCH_TENANTS, BENCH_RECORDS, BENCH_ROWS, BENCH_AUDIT,
// BENCH_FORMATS=csv,json,xlsx,pdf (the files made), BENCH_KEEP=1 keeps the database, BENCH_DB=<name> reuses a kept one.
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { sql } from 'drizzle-orm'
import type { DatabaseHandle } from '../../server/database/connect'
import { REPORT_TEMPLATES } from '../../shared/report-templates'
import { ensureBuilt, send, startServer } from './server'
import { createBenchDatabase, signInAs } from './workspace-data'

const quick = process.argv.includes('--quick')
const TENANTS = Number(process.env.BENCH_TENANTS ?? (quick ? 200 : 10_000))
const RECORDS = Number(process.env.BENCH_RECORDS ?? (quick ? 200 : 1_000))
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000)
const HOST = 'acme.localhost'
const FORMATS = (process.env.BENCH_FORMATS ?? 'csv,json,xlsx,pdf').split(',').map(f => f.trim())
const AUDIT = Number(process.env.BENCH_AUDIT ?? 200_000)

/** acme's deals, copied (new ids, same owners, accounts and stages) until there are ROWS of them. */
async function moreDeals(owner: DatabaseHandle) {
  const rows = await owner.db.execute(sql`select count(*)::int as n from deals d join tenants t on t.id = d.tenant_id where t.slug = 'acme'`)
  const have = Number((Array.isArray(rows) ? rows : (rows as { rows: { n: number }[] }).rows)[0]!.n)
  if (have >= ROWS) return
  console.log(`  copying acme's ${have.toLocaleString('en')} deals up to ${ROWS.toLocaleString('en')}…`)
  await owner.db.execute(sql`insert into deals (tenant_id, id, name, account_id, contact_id, pipeline_id, stage_id, amount_minor, currency, expected_close_date, source, status, lost_reason, closed_at, owner_id, custom, created_by, created_at, updated_at)
    select d.tenant_id, gen_random_uuid(), d.name || ' #' || k, d.account_id, d.contact_id, d.pipeline_id, d.stage_id, d.amount_minor, d.currency, d.expected_close_date, d.source, d.status, d.lost_reason, d.closed_at, d.owner_id, d.custom, d.created_by, d.created_at, d.updated_at
    from deals d join tenants t on t.id = d.tenant_id cross join generate_series(1, ${Math.ceil(ROWS / Math.max(1, have)) - 1}) k
    where t.slug = 'acme' limit ${ROWS - have}`)
}

/**
 * acme's audit log grown to AUDIT entries over the past year: mostly sign-ins and record changes,
 * some failed sign-ins, role changes, API keys and exports, by acme's members from a few addresses.
 */
async function moreAudit(owner: DatabaseHandle) {
  const rows = await owner.db.execute(sql`select count(*)::int as n from audit_log a join tenants t on t.id = a.tenant_id where t.slug = 'acme'`)
  const have = Number((Array.isArray(rows) ? rows : (rows as { rows: { n: number }[] }).rows)[0]!.n)
  if (have >= AUDIT) return
  console.log(`  adding ${(AUDIT - have).toLocaleString('en')} audit entries to acme…`)
  await owner.db.execute(sql`insert into audit_log (tenant_id, id, actor_type, actor_id, action, entity_type, entity_id, before, after, ip, created_at)
    select t.id, gen_random_uuid(),
      case when k % 20 = 3 then 'anonymous' else 'user' end,
      case when k % 20 = 3 then null else (array_agg_users.ids)[1 + k % array_length(array_agg_users.ids, 1)]::text end,
      (array['auth.signed_in','auth.signed_in','auth.signed_in','auth.sign_in_failed','deals.updated','deals.updated','accounts.created','role.updated','api_key.created','report.exported','deals.exported','member.updated','settings.mfa_requirement_updated','dashboard.updated','tasks.updated','contacts.updated','leads.created','auth.signed_out','auth.signed_in','deals.created'])[1 + k % 20],
      'user', null,
      case when k % 20 = 11 then '{"role":"member"}'::jsonb end,
      case when k % 20 = 3 then jsonb_build_object('email', 'someone' || (k % 50) || '@example.com') when k % 20 = 11 then jsonb_build_object('role', case when k % 40 = 11 then 'manager' else 'member' end) end,
      '203.0.113.' || (k % 40),
      now() - make_interval(secs => (k::float8 / ${AUDIT}) * 365 * 86400)
    from tenants t
    cross join (select array_agg(u.id) as ids from users u join tenants tt on tt.id = u.tenant_id where tt.slug = 'acme') array_agg_users
    cross join generate_series(1, ${AUDIT - have}) k
    where t.slug = 'acme'`)
}

/** The server process's resident memory now and at its peak (MB), from /proc. */
function memory(pid: number): { rss: number, peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) }
}

/** Downloads a path, counting bytes without keeping them; answers status, size and seconds to the last byte. */
function download(port: number, path: string, cookie: string): Promise<{ status: number, bytes: number, seconds: number, body?: string }> {
  const t0 = performance.now()
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers: { host: HOST, cookie }, setHost: false }, (res) => {
      let bytes = 0
      let head = ''
      res.on('data', (c: Buffer) => {
        bytes += c.length
        if (head.length < 500) head += c.toString('utf8')
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, seconds: (performance.now() - t0) / 1000, ...(res.statusCode !== 200 ? { body: head } : {}) }))
    }).on('error', reject).end()
  })
}

async function main() {
  ensureBuilt()
  const db = await createBenchDatabase({ prefix: 'bench_reports', tenants: TENANTS, perTenant: RECORDS, extra: async (owner) => {
    await moreDeals(owner)
    await moreAudit(owner)
  } })
  let server: Awaited<ReturnType<typeof startServer>> | undefined
  try {
    server = await startServer({ DATABASE_URL: db.appUrl, NUXT_LOG_LEVEL: 'warn' })
    const port = server.port
    const pid = server.child.pid!
    const cookie = await signInAs(port, HOST, 'admin@acme.test')
    const api = async (method: string, path: string, body?: unknown) => {
      const t0 = performance.now()
      const res = await send(port, path, HOST, { method, cookie, body: body === undefined ? undefined : JSON.stringify(body) })
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.body}`)
      return { json: JSON.parse(res.body), ms: performance.now() - t0 }
    }
    const detail = await api('POST', '/api/reports', { name: 'Bench: every deal', definition: {
      source: 'deals',
      columns: [{ field: 'name' }, { field: 'account.name' }, { field: 'ownerId' }, { field: 'stageId' }, { field: 'status' }, { field: 'amountMinor' }, { field: 'createdAt' }, { field: 'calc.weighted' }],
      calculations: [{ key: 'weighted', label: 'Weighted', expression: 'if(status = "lost", 0, amountMinor) * 0.5', format: 'money' }],
      sort: [{ field: 'createdAt', dir: 'desc' }],
    } })
    const id = detail.json.id as string
    console.log(`\nA ${ROWS.toLocaleString('en')}-row report of acme's deals (8 columns, one calculated), as files; server memory before: ${memory(pid).rss} MB resident`)
    console.log('| format | rows | size | time | server peak resident |')
    console.log('| --- | ---: | ---: | ---: | ---: |')
    for (const format of FORMATS) {
      const got = await download(port, `/api/reports/${id}/export?format=${format}`, cookie)
      if (got.status !== 200) throw new Error(`${format}: ${got.status} ${got.body}`)
      const m = memory(pid)
      console.log(`| ${format.toUpperCase()} | ${ROWS.toLocaleString('en')} | ${(got.bytes / 1024 / 1024).toFixed(1)} MB | ${got.seconds.toFixed(1)} s | ${m.peak} MB |`)
    }

    const template = REPORT_TEMPLATES.find(t => t.key === 'pipeline-performance')!
    const grouped = await api('POST', '/api/reports', { name: 'Bench: pipeline performance', definition: template.definition })
    const times: number[] = []
    for (let i = 0; i < 3; i++) times.push((await api('GET', `/api/reports/${grouped.json.id}/run`)).ms)
    const preview = await api('POST', '/api/reports/preview', { definition: detail.json.definition })
    console.log(`\nPipeline performance (grouped by owner, 5 aggregates over 4 calculated columns) over the same deals on screen: ${times.map(t => `${t.toFixed(0)} ms`).join(', ')}`)
    console.log(`The builder's preview of the 100,000-row report (first 200 rows, sorted): ${preview.ms.toFixed(0)} ms`)

    // The compliance report over the audit log: the template on screen, then 90 days of detail as a file.
    const compliance = REPORT_TEMPLATES.find(t => t.key === 'compliance')!
    const saved = await api('POST', '/api/reports', { name: 'Bench: compliance', definition: compliance.definition })
    const runs: number[] = []
    let groups = 0
    for (let i = 0; i < 3; i++) {
      const run = await api('GET', `/api/reports/${saved.json.id}/run`)
      runs.push(run.ms)
      groups = (run.json.rows as { level?: number }[]).filter(r => r.level === 0).length
    }
    const from = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10)
    const detail90 = await api('POST', '/api/reports', { name: 'Bench: compliance, 90 days', definition: {
      source: 'audit', columns: compliance.definition.columns, filters: { ...compliance.definition.filters, createdAtFrom: from }, sort: [{ field: 'createdAt', dir: 'desc' }],
    } })
    const file = await download(port, `/api/reports/${detail90.json.id}/export?format=csv`, cookie)
    if (file.status !== 200) throw new Error(`compliance csv: ${file.status} ${file.body}`)
    console.log(`\nCompliance report over acme's audit log (${AUDIT.toLocaleString('en')} entries, one year): on screen ${runs.map(t => `${t.toFixed(0)} ms`).join(', ')} (${groups} category × month groups)`)
    console.log(`Its last 90 days in detail as CSV: ${(file.bytes / 1024 / 1024).toFixed(1)} MB in ${file.seconds.toFixed(1)} s`)
    console.log(`Server resident memory at the end: ${memory(pid).rss} MB (peak ${memory(pid).peak} MB)`)
  }
  finally {
    server?.child.kill()
    await db.drop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
