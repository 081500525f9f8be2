import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { simpleParser } from 'mailparser'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectDatabase, rowsOf } from '../../server/database/connect'
import { tenantTables } from '../../server/services/io/tenant-import'
import { PLATFORM_TOKEN, TEST_ENCRYPTION_KEYS } from '../support/env'
import { hit, platformApi, servers, signIn } from '../support/http'
import { linkToken, waitForMail } from '../support/mail'

// Backups, one tenant at a time: a fresh workspace made through the platform API and filled through
// its own API is exported over HTTP (the real archive, as a super admin downloads it), then brought
// into "another deployment" — an empty PGlite directory migrated by the built command line — with
// `node .output/server/cli.mjs import-tenant`. Then: a second import is refused with nothing
// changed, --dry-run writes nothing, a damaged or foreign ZIP is refused with exit code 1, and the
// built server started on the new directory serves the workspace to a member who set a new password.

const ROOT = join(import.meta.dirname, '../..')
const SLUG = 'restore-src'
const ADMIN = `founder@${SLUG}.test`
const PASSWORD = 'Restore-pass-2026'
const dir = mkdtempSync(join(tmpdir(), 'atrium-import-'))
const pgliteDir = join(dir, 'pglite')
const outbox = join(dir, 'outbox')
const env = { PATH: process.env.PATH ?? '', NODE_ENV: 'production', NUXT_PGLITE_DIR: pgliteDir, NUXT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS, NUXT_BLOB_DIR: join(dir, 'blobs'), NUXT_MAIL_OUTBOX_DIR: outbox }

function cli(args: string[]) {
  const res = spawnSync(process.execPath, ['.output/server/cli.mjs', ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 })
  return { status: res.status, out: `${res.stdout}${res.stderr}` }
}

/** Runs `fn` on the target database as its owner, then closes it (PGlite: one process at a time). */
async function inTarget<T>(fn: (q: <R>(query: ReturnType<typeof sql>) => Promise<R[]>) => Promise<T>): Promise<T> {
  const handle = await connectDatabase({ pgliteDir, as: 'owner' })
  try {
    return await fn(async query => rowsOf(await handle.db.execute(query)))
  }
  finally {
    await handle.close()
  }
}

const TABLES = [...tenantTables().keys(), 'tenants', 'plans', 'platform_audit_log'].sort()
/** Rows in every table the import may write: what "nothing changed" is checked against. */
const snapshot = () => inTarget(async (q) => {
  const counts: Record<string, number> = {}
  for (const table of TABLES) counts[table] = Number((await q<{ n: number }>(sql.raw(`select count(*)::int as n from "${table}"`)))[0]!.n)
  return counts
})

/** A GET whose body is kept as bytes (the archive). */
function download(port: number, path: string, headers: Record<string, string>): Promise<{ status: number, body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: 'localhost', ...headers }, setHost: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })
}

let target: ChildProcess | undefined
afterAll(() => {
  if (target?.exitCode === null) target.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

describe('a workspace exported from one deployment and imported into another', { timeout: 180_000 }, () => {
  const source = servers().find(s => s.name === 'postgres')!
  const port = source.port
  const host = `${SLUG}.localhost`
  const archivePath = join(dir, `${SLUG}.zip`)
  let cookie = ''
  let tenantId = ''
  let manifest: { rowCounts: Record<string, number>, exportId: string }
  const made: Record<string, string> = {}
  const api = (method: string, path: string, body?: unknown) => hit(port, host, path, { method, body, headers: { cookie } })

  beforeAll(async () => {
    // A fresh workspace through the platform API; its first admin accepts the invitation.
    const since = Date.now()
    const created = await platformApi(port, 'POST', '/tenants', { name: 'Restore Source Ltd', slug: SLUG, plan: 'pro', adminEmail: ADMIN })
    expect(created.status).toBe(201)
    const mail = await waitForMail(ADMIN, since)
    expect((await hit(port, host, '/api/auth/accept-invitation', { method: 'POST', body: { token: linkToken(mail), name: 'Rita Founder', password: PASSWORD } })).status).toBe(200)
    cookie = await signIn(port, host, ADMIN, PASSWORD)
    tenantId = (await hit(port, host, '/api/site')).json().tenant.id
  })

  it('exports a filled workspace over HTTP', async () => {
    const post = async (path: string, body: unknown) => {
      const res = await api('POST', path, body)
      expect(res.status, `${path} ${res.body}`).toBeLessThan(300)
      return res.json()
    }
    // Teams in a hierarchy, records that point at each other, a pending invitation, an API key,
    // a feature override and a verified custom domain: each kind of row the import must handle.
    made.sales = (await post('/api/teams', { name: 'Sales' })).id
    made.emea = (await post('/api/teams', { name: 'EMEA', parentId: made.sales })).id
    made.account = (await post('/api/records/accounts', { name: 'Initrobe Holdings', city: 'Lyon', employees: 42, custom: {} })).id
    made.contact = (await post('/api/records/contacts', { firstName: 'Ada', lastName: 'Quill', email: 'ada@initrobe.test', accountId: made.account })).id
    made.deal = (await post('/api/records/deals', { name: 'Initrobe renewal', amountMinor: 1_234_500, accountId: made.account, contactId: made.contact, expectedCloseDate: '2027-03-31' })).id
    await post('/api/members/invitations', { email: `newcomer@${SLUG}.test`, role: 'member' })
    await post('/api/api-keys', { name: 'Zapier', scopes: ['members:read'] })
    expect((await platformApi(port, 'PUT', `/tenants/${SLUG}/features/dashboards`, { enabled: false })).status).toBe(200)
    expect((await platformApi(port, 'POST', `/tenants/${SLUG}/domains`, { hostname: `dash.${SLUG}.test`, verified: true })).status).toBeLessThan(300)

    const queued = await platformApi(port, 'POST', `/tenants/${SLUG}/exports`)
    expect(queued.status).toBe(202)
    const id = queued.json().id as string
    await expect.poll(async () => (await platformApi(port, 'GET', `/tenants/${SLUG}/exports`)).json().find((e: { id: string }) => e.id === id)?.status, { timeout: 30_000, interval: 200 }).toBe('ready')
    const res = await download(port, `/api/platform/tenants/${SLUG}/exports/${id}/download`, { authorization: `Bearer ${PLATFORM_TOKEN}` })
    expect(res.status).toBe(200)
    writeFileSync(archivePath, res.body)
    const files = unzipSync(new Uint8Array(res.body))
    manifest = JSON.parse(strFromU8(files['manifest.json']!))
    // workspace.json carries what the import recreates the tenant row and its plan from.
    expect(JSON.parse(strFromU8(files['workspace.json']!))).toMatchObject({ id: tenantId, slug: SLUG, plan: 'pro', planDefinition: { key: 'pro', name: 'Pro' } })
    expect(manifest.rowCounts).toMatchObject({ accounts: 1, contacts: 1, deals: 1, teams: 2, users: 2, api_keys: 1, tenant_feature_overrides: 1, tenant_domains: 2 })
    expect(manifest.rowCounts.auth_tokens).toBeGreaterThanOrEqual(2)
  })

  it('--dry-run on a freshly migrated deployment checks and counts everything and writes nothing; a damaged row writes nothing either', async () => {
    const migrated = cli(['migrate'])
    expect(migrated.status, migrated.out).toBe(0)
    const before = await snapshot()
    const dry = cli(['import-tenant', archivePath, '--dry-run'])
    expect(dry.status, dry.out).toBe(0)
    expect(dry.out).toContain(`Dry run: would import workspace "Restore Source Ltd" as ${SLUG}`)
    expect(dry.out).toMatch(/^ {2}accounts +1$/m)
    expect(dry.out).toContain('nothing was written')
    expect(await snapshot()).toEqual(before)

    // A row that is not what its column holds: refused naming the file, row and column, after the
    // plan and the tenant row were written in the same transaction — rolled back with it.
    const files = unzipSync(new Uint8Array(readFileSync(archivePath)))
    const accounts = JSON.parse(strFromU8(files['json/accounts.json']!))
    accounts[0].created_at = 'last tuesday'
    files['json/accounts.json'] = strToU8(JSON.stringify(accounts))
    const tampered = join(dir, 'tampered.zip')
    writeFileSync(tampered, zipSync(files))
    const bad = cli(['import-tenant', tampered])
    expect(bad.status).toBe(1)
    expect(bad.out).toMatch(/json\/accounts.json row 1: created_at is not a date/)
    expect(await snapshot()).toEqual(before)
  })

  it('imports the workspace with its ids, references and values; what rested on secrets is reported, not carried', async () => {
    const started = Date.now()
    const res = cli(['import-tenant', archivePath])
    const ms = Date.now() - started
    expect(res.status, res.out).toBe(0)
    console.log(`import-tenant of ${Object.values(manifest.rowCounts).reduce((a, b) => a + b, 0)} archived rows: ${ms} ms (CLI start included)`)
    expect(res.out).toContain(`Imported workspace "Restore Source Ltd" as ${SLUG}, id ${tenantId}, on plan pro`)
    // The target had no plans: the archive's is created from its definition, and said so.
    expect(res.out).toContain('created plan "pro" (Pro) from the archive\'s definition')
    expect(res.out).toMatch(/came back without a password .*Forgot password\?/)
    expect(res.out).toMatch(/1 pending invitation must be sent again/)
    expect(res.out).toMatch(/api_keys +skipped: API keys are not carried/)
    expect(res.out).toMatch(/sessions +skipped: sign-in sessions are not carried/)
    expect(res.out).toContain(`Custom domain dash.${SLUG}.test stays verified`)

    await inTarget(async (q) => {
      const [tenant] = await q<{ slug: string, name: string, plan: string, theme: { primary: string } }>(sql`select t.slug, t.name, p.key as plan, t.theme from tenants t join plans p on p.id = t.plan_id where t.id = ${tenantId}`)
      expect(tenant).toMatchObject({ slug: SLUG, name: 'Restore Source Ltd', plan: 'pro' })
      // Every imported table holds exactly the archive's rows of the tenant (the audit log one more: the import's own entry).
      for (const table of ['accounts', 'contacts', 'deals', 'teams', 'team_members', 'roles', 'users', 'pipelines', 'pipeline_stages', 'audit_log', 'tenant_feature_overrides', 'tenant_domains', 'data_exports', 'usage_daily']) {
        const [row] = await q<{ n: number }>(sql.raw(`select count(*)::int as n from "${table}" where tenant_id = '${tenantId}'`))
        expect(row!.n, table).toBe(manifest.rowCounts[table]! + (table === 'audit_log' ? 1 : 0))
      }
      expect(manifest.rowCounts.audit_log).toBeGreaterThan(5)
      for (const table of ['sessions', 'auth_tokens', 'api_keys', 'recovery_codes', 'sso_connections']) {
        expect((await q<{ n: number }>(sql.raw(`select count(*)::int as n from "${table}"`)))[0]!.n, table).toBe(0)
      }
      // Ids, values and references as they were: deal → account, contact and a stage of its pipeline.
      const [deal] = await q<Record<string, unknown>>(sql`select d.id, d.amount_minor::int as amount, d.expected_close_date::text as close, a.name as account, c.email, s.name as stage
        from deals d join accounts a on a.tenant_id = d.tenant_id and a.id = d.account_id join contacts c on c.tenant_id = d.tenant_id and c.id = d.contact_id
        join pipeline_stages s on s.tenant_id = d.tenant_id and s.id = d.stage_id and s.pipeline_id = d.pipeline_id where d.tenant_id = ${tenantId}`)
      expect(deal).toMatchObject({ id: made.deal, amount: 1_234_500, close: '2027-03-31', account: 'Initrobe Holdings', email: 'ada@initrobe.test' })
      const [emea] = await q<{ parent: string }>(sql`select p.name as parent from teams t join teams p on p.tenant_id = t.tenant_id and p.id = t.parent_id where t.id = ${made.emea}`)
      expect(emea!.parent).toBe('Sales')
      // Members without passwords or two-factor; the pending one still invited.
      const members = await q<{ email: string, status: string, password_hash: string | null, totp_enabled_at: string | null }>(sql`select email, status, password_hash, totp_enabled_at from users where tenant_id = ${tenantId} order by email`)
      expect(members).toEqual([
        { email: ADMIN, status: 'active', password_hash: null, totp_enabled_at: null },
        { email: `newcomer@${SLUG}.test`, status: 'invited', password_hash: null, totp_enabled_at: null },
      ])
      // The database rebuilt what it derives: the search index of the live records.
      const [indexed] = await q<{ n: number }>(sql`select count(*)::int as n from search_index where tenant_id = ${tenantId}`)
      expect(indexed!.n).toBe(3)
      const domains = await q<{ hostname: string, kind: string, verified: boolean, token: string | null }>(sql`select hostname, kind::text, verified_at is not null as verified, verification_token as token from tenant_domains where tenant_id = ${tenantId} order by hostname`)
      expect(domains).toEqual([
        { hostname: `dash.${SLUG}.test`, kind: 'custom', verified: true, token: expect.stringMatching(/^atrium-verify-[0-9a-f]{32}$/) },
        { hostname: SLUG, kind: 'subdomain', verified: true, token: null },
      ])
      // The export that made the archive was still running when it read its own row: not here.
      const exports = await q<{ status: string, storage_key: string | null }>(sql`select status::text, storage_key from data_exports where tenant_id = ${tenantId}`)
      expect(exports.every(e => e.status !== 'running' && e.status !== 'queued' && e.storage_key === null)).toBe(true)
      // Audited on both sides.
      expect(await q(sql`select action from audit_log where tenant_id = ${tenantId} and action = 'tenant.imported'`)).toHaveLength(1)
      expect(await q(sql`select action from platform_audit_log where tenant_id = ${tenantId} and action = 'tenant.imported_from_cli'`)).toHaveLength(1)
    })
  })

  it('refuses the same archive again, with or without --slug, and changes nothing', async () => {
    const before = await snapshot()
    const again = cli(['import-tenant', archivePath])
    expect(again.status).toBe(1)
    expect(again.out).toContain(`atrium import-tenant: This workspace (id ${tenantId}) is already here, as "${SLUG}"`)
    expect(again.out).toContain('Nothing was imported')
    const renamed = cli(['import-tenant', archivePath, '--slug', 'restore-copy'])
    expect(renamed.status).toBe(1)
    expect(renamed.out).toContain('--slug does not change that')
    expect(cli(['import-tenant', archivePath, '--slug', 'Not A Slug']).out).toMatch(/The slug "Not A Slug" may hold only lowercase/)
    expect(await snapshot()).toEqual(before)
  })

  it('refuses another workspace that claims a custom domain already here; takes it under --slug once the domain is gone', async () => {
    // The same archive as if from another workspace: every occurrence of its tenant id replaced.
    const otherId = '0190a2b4-0000-7000-8000-00000000c0de'
    const files = unzipSync(new Uint8Array(readFileSync(archivePath)))
    const text = (name: string) => strFromU8(files[name]!).replaceAll(tenantId, otherId)
    for (const name of Object.keys(files)) files[name] = strToU8(text(name))
    const copy = join(dir, 'copy.zip')
    writeFileSync(copy, zipSync(files))
    const before = await snapshot()
    const claimed = cli(['import-tenant', copy, '--slug', 'restore-copy'])
    expect(claimed.status).toBe(1)
    expect(claimed.out).toContain(`The custom domain dash.${SLUG}.test already belongs to a workspace here. Nothing was imported.`)
    expect(await snapshot()).toEqual(before)

    // Without the custom domain (and its subdomain row under a new id) it comes in as restore-copy.
    const manifestCopy = JSON.parse(strFromU8(files['manifest.json']!))
    const domains = (JSON.parse(strFromU8(files['json/tenant_domains.json']!)) as { id: string, kind: string }[])
      .filter(d => d.kind === 'subdomain').map(d => ({ ...d, id: '0190a2b4-0000-7000-8000-00000000d0d0' }))
    files['json/tenant_domains.json'] = strToU8(JSON.stringify(domains))
    manifestCopy.tables.find((t: { name: string }) => t.name === 'tenant_domains').rows = 1
    files['manifest.json'] = strToU8(JSON.stringify(manifestCopy))
    writeFileSync(copy, zipSync(files))
    const taken = cli(['import-tenant', copy, '--slug', SLUG])
    expect(taken.out).toContain(`The slug "${SLUG}" is already taken here: choose another with --slug`)
    const renamed = cli(['import-tenant', copy, '--slug', 'restore-copy'])
    expect(renamed.status, renamed.out).toBe(0)
    expect(renamed.out).toContain(`Imported workspace "Restore Source Ltd" as restore-copy (was "${SLUG}"), id ${otherId}`)
    await inTarget(async (q) => {
      expect(await q(sql`select hostname, kind::text from tenant_domains where tenant_id = ${otherId}`)).toEqual([{ hostname: 'restore-copy', kind: 'subdomain' }])
      const [n] = await q<{ n: number }>(sql`select count(*)::int as n from deals where tenant_id = ${otherId}`)
      expect(n!.n).toBe(1)
    })
  })

  it('refuses a damaged or foreign ZIP with a clear message and exit code 1', async () => {
    const before = await snapshot()
    const bytes = readFileSync(archivePath)
    const cut = join(dir, 'cut.zip')
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)))
    const damaged = cli(['import-tenant', cut])
    expect(damaged.status).toBe(1)
    expect(damaged.out).toMatch(/^atrium import-tenant: This file is not a ZIP archive, or it is damaged/m)

    const foreign = join(dir, 'foreign.zip')
    writeFileSync(foreign, zipSync({ 'photos/cat.txt': strToU8('meow') }))
    const other = cli(['import-tenant', foreign])
    expect(other.status).toBe(1)
    expect(other.out).toContain('This ZIP is not an Atrium data export: it has no manifest.json')

    expect(cli(['import-tenant', join(dir, 'missing.zip')]).status).toBe(1)
    expect(await snapshot()).toEqual(before)
  })

  it('serves the imported workspace from the built server once a member sets a new password', async () => {
    const serverPort = await freePort()
    target = spawn(process.execPath, ['.output/server/index.mjs'], { cwd: ROOT, env: { ...env, PORT: String(serverPort), HOST: '127.0.0.1', NUXT_JOBS_MODE: 'worker', NUXT_SHUTDOWN_DRAIN_SECONDS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    target.stdout!.on('data', d => (output += d))
    target.stderr!.on('data', d => (output += d))
    await expect.poll(async () => {
      if (target!.exitCode !== null) throw new Error(`server exited:\n${output}`)
      return (await hit(serverPort, '127.0.0.1', '/api/ready').catch(() => ({ status: 0 }))).status
    }, { timeout: 60_000, interval: 200 }).toBe(200)

    expect((await hit(serverPort, host, '/api/site')).json().tenant).toMatchObject({ id: tenantId, name: 'Restore Source Ltd' })
    // No password came along: the old one is refused, "Forgot password?" works.
    expect((await hit(serverPort, host, '/api/auth/login', { method: 'POST', body: { email: ADMIN, password: PASSWORD } })).status).toBe(401)
    expect((await hit(serverPort, host, '/api/auth/forgot-password', { method: 'POST', body: { email: ADMIN } })).status).toBe(202)
    let token = ''
    await expect.poll(async () => {
      for (const file of readdirSync(outbox, { withFileTypes: true }).filter(f => f.isFile())) {
        const mail = await simpleParser(readFileSync(join(outbox, file.name)))
        if (JSON.stringify(mail.to).includes(ADMIN)) token = linkToken(mail)
      }
      return token
    }, { timeout: 10_000, interval: 200 }).not.toBe('')
    expect((await hit(serverPort, host, '/api/auth/reset-password', { method: 'POST', body: { token, password: 'Restored-pass-2026' } })).status).toBeLessThan(300)
    const member = await signIn(serverPort, host, ADMIN, 'Restored-pass-2026')
    const deal = await hit(serverPort, host, `/api/records/deals/${made.deal}`, { headers: { cookie: member } })
    expect(deal.status).toBe(200)
    expect(deal.json()).toMatchObject({ id: made.deal, name: 'Initrobe renewal', amountMinor: 1_234_500 })
    const found = await hit(serverPort, host, '/api/search?q=initrobe', { headers: { cookie: member } })
    expect(found.status).toBe(200)
    expect(found.body).toContain(made.account)
    target.kill('SIGTERM')
  })
})
