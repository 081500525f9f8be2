// npm run bench:audit — the audit logs at volume (127.0.0.1 only): a workspace's (Settings → Audit
// log, GET /api/audit) and the console's (/admin/audit, GET /api/platform/audit).
// Seeds a fresh PostgreSQL database with the demo tenants (acme at full demo volume), then
// BENCH_AUDIT entries in acme's log (two years; sign-ins, record edits with before/after, settings
// changes; actors among its members, some by a super admin impersonating), a fifth of that spread
// over the other demo tenants, and BENCH_PLATFORM_AUDIT entries in the platform's log. Starts the
// built server as the app role and times each view the pages offer, BENCH_SAMPLES sequential
// requests each (as one person paging and filtering sees it): p50 and p95.
// Options (env): BENCH_AUDIT=300000, BENCH_PLATFORM_AUDIT=100000, BENCH_SAMPLES=40, BENCH_KEEP=1
// keeps the database (its name is printed), BENCH_DB=<name> reuses a kept one.
import { randomBytes } from 'node:crypto'
import { request } from 'node:http'
import { sql } from 'drizzle-orm'
import type { DatabaseHandle } from '../../server/database/connect'
import { ensureBuilt, percentile, startServer } from './server'
import { createBenchDatabase, signInAs } from './workspace-data'

const AUDIT = Number(process.env.BENCH_AUDIT ?? 300_000)
const PLATFORM_AUDIT = Number(process.env.BENCH_PLATFORM_AUDIT ?? 100_000)
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 40)
const HOST = 'acme.localhost'
const TOKEN = `bench-${randomBytes(12).toString('hex')}`
ensureBuilt()

const TENANT_VIEWS = [
  ['first page', '/api/audit'],
  ['action "Deal updated"', '/api/audit?action=deals.updated'],
  ['action "Signed in", page 5', '/api/audit?action=auth.signed_in&page=5'],
  ['who: admin@acme.test', '/api/audit?actor=admin%40acme.test'],
  ['one month', `/api/audit?from=${day(-60)}&to=${day(-30)}`],
  ['impersonation only', '/api/audit?impersonation=true'],
  ['page 100', '/api/audit?page=100'],
] as const
const PLATFORM_VIEWS = [
  ['first page', '/api/platform/audit'],
  ['action "Tenant updated"', '/api/platform/audit?action=tenant.updated'],
  ['tenant acme', '/api/platform/audit?tenant=acme'],
  ['page 100', '/api/platform/audit?page=100'],
] as const

function day(offset: number) {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
}

/**
 * Audit entries set-based: `n` per tenant in `tenants` (a SQL list of slugs), actions cycling
 * through a realistic mix, actors among the tenant's members, a new day every few hundred rows.
 */
async function seedAudit(owner: DatabaseHandle) {
  const exec = (text: string) => owner.db.execute(sql.raw(text))
  const started = performance.now()
  await exec('set synchronous_commit = off')
  const tenantLog = (slugs: string, n: number) => exec(`
    insert into audit_log (tenant_id, id, actor_type, actor_id, action, entity_type, entity_id, before, after, ip, request_id, impersonated_by, created_at)
    select t.id, gen_random_uuid(), 'user', u.ids[1 + (g * 7) % cardinality(u.ids)]::text,
      (array['auth.signed_in','deals.updated','contacts.updated','deals.updated','contacts.created','auth.signed_out','tasks.updated','member.updated','settings.general_updated','auth.sign_in_failed'])[1 + g % 10],
      (array['session','deals','contacts','deals','contacts','session','tasks','user','tenant','session'])[1 + g % 10],
      md5(g::text)::uuid::text,
      case when g % 10 in (1, 3) then jsonb_build_object('stage', 'Proposal', 'amount', 120000 + g % 5000, 'description', repeat('Renewal for the whole fleet, priced per seat. ', 8))
           when g % 10 in (2, 6) then jsonb_build_object('jobTitle', 'Buyer', 'phone', '+49 30 1234 ' || g % 9999)
           when g % 10 = 7 then jsonb_build_object('role', 'member') end,
      case when g % 10 = 0 then jsonb_build_object('method', 'password')
           when g % 10 in (1, 3) then jsonb_build_object('stage', 'Negotiation', 'amount', 125000 + g % 5000, 'description', repeat('Renewal for the whole fleet, priced per seat with a discount. ', 8))
           when g % 10 in (2, 6) then jsonb_build_object('jobTitle', 'Head of purchasing', 'phone', '+49 30 5678 ' || g % 9999)
           when g % 10 = 4 then jsonb_build_object('firstName', 'Ada', 'lastName', 'Baker', 'email', 'ada' || g || '@example.com', 'jobTitle', 'Buyer', 'notes', repeat('Met at the trade fair. ', 20))
           when g % 10 = 7 then jsonb_build_object('role', 'manager')
           when g % 10 = 8 then jsonb_build_object('name', 'Acme', 'timeZone', 'Europe/Berlin')
           when g % 10 = 9 then jsonb_build_object('email', 'someone' || g % 50 || '@example.com', 'reason', 'bad_password') end,
      '203.0.113.' || (g % 250), md5('r' || g), case when g % 997 = 0 then (select id::text from platform_admins limit 1) end,
      now() - (g * (730 * 86400 / ${n})) * interval '1 second'
    from tenants t
    cross join lateral (select array_agg(id) as ids from users where tenant_id = t.id) u
    cross join generate_series(1, ${n}) g
    where t.slug in (${slugs}) and u.ids is not null`)
  await tenantLog(`'acme'`, AUDIT)
  await tenantLog(`select slug from tenants where slug <> 'acme'`, Math.round(AUDIT / 5))
  await exec(`
    insert into platform_audit_log (id, actor_type, actor_id, action, entity_type, entity_id, before, after, ip, request_id, tenant_id, created_at)
    select gen_random_uuid(), 'platform_admin', a.ids[1 + g % cardinality(a.ids)]::text,
      (array['auth.signed_in','tenant.updated','tenant.feature.overridden','impersonation.started','tenant.plan_changed','jobs.ran'])[1 + g % 6],
      (array['platform_session','tenant','tenant','impersonation','tenant','job'])[1 + g % 6], md5(g::text)::uuid::text,
      case when g % 6 in (1, 4) then jsonb_build_object('name', 'Old name', 'plan', 'starter') end,
      case when g % 6 in (1, 4) then jsonb_build_object('name', 'New name', 'plan', 'pro') when g % 6 = 0 then jsonb_build_object('method', 'password') end,
      '198.51.100.' || (g % 250), md5('p' || g), case when g % 6 = 5 then null else ts.ids[1 + g % cardinality(ts.ids)] end,
      now() - (g * (730 * 86400 / ${PLATFORM_AUDIT})) * interval '1 second'
    from (select array_agg(id) as ids from platform_admins) a, (select array_agg(id) as ids from tenants) ts, generate_series(1, ${PLATFORM_AUDIT}) g`)
  console.log(`  audit entries seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`)
}

function get(port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    request({ host: '127.0.0.1', port, path, headers, setHost: false }, (res) => {
      res.resume()
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`${path}: ${res.statusCode}`))))
    }).on('error', reject).end()
  })
}

async function time(views: readonly (readonly [string, string])[], headers: Record<string, string>, port: number) {
  for (const [name, path] of views) {
    await get(port, path, headers) // warm
    const times: number[] = []
    for (let i = 0; i < SAMPLES; i++) times.push(await get(port, path, headers))
    times.sort((a, b) => a - b)
    console.log(`  ${name.padEnd(32)} p50 ${percentile(times, 0.5).toFixed(1).padStart(7)} ms   p95 ${percentile(times, 0.95).toFixed(1).padStart(7)} ms`)
  }
}

const db = await createBenchDatabase({ prefix: 'bench_audit', tenants: 0, perTenant: 0, extra: process.env.BENCH_DB ? undefined : seedAudit })
try {
  const { port, child } = await startServer({ DATABASE_URL: db.appUrl, NUXT_PLATFORM_API_TOKEN: TOKEN })
  try {
    const cookie = await signInAs(port, HOST, 'admin@acme.test')
    console.log(`\nGET /api/audit as acme's admin (${AUDIT.toLocaleString('en')} entries in acme's log), ${SAMPLES} sequential requests per view`)
    await time(TENANT_VIEWS, { host: HOST, cookie }, port)
    console.log(`\nGET /api/platform/audit with the operations token (${PLATFORM_AUDIT.toLocaleString('en')} entries), ${SAMPLES} sequential requests per view`)
    await time(PLATFORM_VIEWS, { host: 'localhost', authorization: `Bearer ${TOKEN}` }, port)
  }
  finally {
    child.kill()
  }
}
finally {
  await db.drop()
}
