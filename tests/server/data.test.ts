import { createHash } from 'node:crypto'
import { request } from 'node:http'
import type { IncomingHttpHeaders } from 'node:http'
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core'
import { is } from 'drizzle-orm'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import * as schema from '../../drizzle/schema'
import { SEEDED_TENANTS } from '../support/fixtures'
import { hit, serversPerDriver, signIn } from '../support/http'
import { ownerAccess } from '../support/owner'

// Cyberdyne is this file's own tenant: it exports its data and requests (then cancels) its
// deletion. Acme only tries to reach Cyberdyne's export, and is refused.
const HOST = 'cyberdyne.localhost'
const NAME = 'Cyberdyne Systems'

/** Every table holding a tenant's rows, read from the schema here (not from the code under test). */
const TENANT_TABLES = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable))
  .map(t => getTableConfig(t)).filter(c => c.columns.some(col => col.name === 'tenant_id') && c.name !== 'platform_audit_log')
  .map(c => c.name).sort()
const SECRET_COLUMNS = ['password_hash', 'totp_secret_enc', 'token_hash', 'code_hash', 'client_secret_enc', 'verification_token']

/** A GET whose body is kept as bytes (the archive). */
function download(port: number, host: string, path: string, cookie: string): Promise<{ status: number, headers: IncomingHttpHeaders, body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host, cookie }, setHost: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe.each(serversPerDriver())('data export and deletion on $name', ({ port, driver }) => {
  const owner = ownerAccess()
  const api = (method: string, path: string, cookie: string, body?: unknown, host = HOST) => hit(port, host, path, { method, body, headers: { cookie } })
  let exportId = ''

  it('a Member gets 403 on every data route', async () => {
    const member = await signIn(port, HOST, 'member@cyberdyne.test')
    const admin = await signIn(port, HOST, 'admin@cyberdyne.test')
    const some = '0190a2b4-0000-7000-8000-000000000000'
    for (const [method, path, body] of [
      ['GET', '/api/settings/data-exports'],
      ['POST', '/api/settings/data-exports'],
      ['GET', `/api/settings/data-exports/${some}/download`],
      ['GET', '/api/settings/deletion-request'],
      ['POST', '/api/settings/deletion-request', { confirmName: NAME }],
      ['DELETE', '/api/settings/deletion-request'],
    ] as const) {
      const res = await api(method, path, member, body)
      expect(res.status, `${method} ${path}`).toBe(403)
      expect(res.json().data.code).toBe('FORBIDDEN')
    }
    // Nothing was queued or requested by those calls.
    expect((await api('GET', '/api/settings/data-exports', admin)).json()).toEqual([])
    expect((await api('GET', '/api/settings/deletion-request', admin)).json().pending).toBe(false)
  })

  it('builds an archive of every tenant table (JSON and CSV, no secrets, no other tenant), one at a time', async () => {
    const admin = await signIn(port, HOST, 'admin@cyberdyne.test')
    const tenantId = (await hit(port, HOST, '/api/site')).json().tenant.id as string

    // Two requests at once: the tenant lock lets one through; the other finds it queued.
    const both = await Promise.all([api('POST', '/api/settings/data-exports', admin), api('POST', '/api/settings/data-exports', admin)])
    expect(both.map(r => r.status).sort()).toEqual([202, 409])
    const created = both.find(r => r.status === 202)!.json()
    expect(both.find(r => r.status === 409)!.json().data.code).toBe('CONFLICT')
    expect(created).toMatchObject({ status: 'queued', progress: 0, downloadable: false })
    exportId = created.id

    const deadline = Date.now() + 20_000
    let row: { status: string, progress: number, sizeBytes: number, expiresAt: string, completedAt: string, downloadable: boolean } | undefined
    while (Date.now() < deadline) {
      row = (await api('GET', '/api/settings/data-exports', admin)).json().find((e: { id: string }) => e.id === exportId)
      if (row?.status === 'ready' || row?.status === 'failed') break
      await new Promise(r => setTimeout(r, 150))
    }
    expect(row).toMatchObject({ status: 'ready', progress: 100, downloadable: true })
    expect(row!.sizeBytes).toBeGreaterThan(1000)
    // Downloadable for 24 hours after it was made.
    expect(new Date(row!.expiresAt).getTime() - new Date(row!.completedAt).getTime()).toBe(24 * 3600_000)

    const res = await download(port, HOST, `/api/settings/data-exports/${exportId}/download`, admin)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/zip')
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="cyberdyne-export-\d{8}-\d{4}\.zip"$/)
    expect(res.body.length).toBe(row!.sizeBytes)
    const audit = (await api('GET', `/api/audit?requestId=${res.headers['x-request-id']}`, admin)).json()
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['data_export.downloaded'])

    const files = unzipSync(new Uint8Array(res.body))
    const text = Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]))
    const manifest = JSON.parse(text['manifest.json']!)
    expect(manifest.tenant).toMatchObject({ id: tenantId, slug: 'cyberdyne', name: NAME })
    expect(Date.now() - new Date(manifest.generatedAt).getTime()).toBeLessThan(60_000)
    expect(Object.keys(manifest.rowCounts).sort()).toEqual(TENANT_TABLES)
    expect(Object.keys(files).sort()).toEqual(['manifest.json', 'workspace.json', ...TENANT_TABLES.map(t => `csv/${t}.csv`), ...TENANT_TABLES.map(t => `json/${t}.json`)].sort())

    for (const table of TENANT_TABLES) {
      const rows = JSON.parse(text[`json/${table}.json`]!) as Record<string, unknown>[]
      expect(rows.length, table).toBe(manifest.rowCounts[table])
      for (const r of rows) expect(r.tenant_id, table).toBe(tenantId)
      const header = text[`csv/${table}.csv`]!.split('\n')[0]!.split(',')
      expect(header, table).toContain('tenant_id')
      for (const secret of SECRET_COLUMNS) {
        expect(header, `${table}.csv`).not.toContain(secret)
        for (const r of rows) expect(Object.keys(r), `${table}.json`).not.toContain(secret)
      }
    }
    // The tables hold what the workspace has: its people, its roles, its usage (more than one page).
    const users = JSON.parse(text['json/users.json']!) as { email: string }[]
    expect(users.map(u => u.email)).toEqual(expect.arrayContaining(['admin@cyberdyne.test', 'member@cyberdyne.test', 'viewer@cyberdyne.test']))
    expect(text['csv/users.csv']).toContain('admin@cyberdyne.test')
    expect(manifest.rowCounts.roles).toBeGreaterThanOrEqual(5)
    expect(manifest.rowCounts.sessions).toBeGreaterThan(0)
    expect(manifest.rowCounts.usage_daily).toBeGreaterThan(500)
    expect(text['csv/usage_daily.csv']!.trim().split('\n')).toHaveLength(manifest.rowCounts.usage_daily + 1)
    expect(JSON.parse(text['workspace.json']!)).toMatchObject({ slug: 'cyberdyne', name: NAME })

    // Nothing of any other workspace, and no secret by value either: no password hash, no session token hash.
    const everything = Object.values(text).join('\n')
    for (const other of SEEDED_TENANTS.filter(t => t.slug !== 'cyberdyne')) expect(everything).not.toContain(`@${other.slug}.test`)
    expect(everything).not.toContain('scrypt$')
    const token = decodeURIComponent(admin.split('=').slice(1).join('='))
    expect(everything).not.toContain(createHash('sha256').update(token).digest('base64url'))
  })

  it('another workspace\'s export id is a 404; a malformed one a 400', async () => {
    const acme = await signIn(port, 'acme.localhost', 'admin@acme.test')
    const res = await download(port, 'acme.localhost', `/api/settings/data-exports/${exportId}/download`, acme)
    expect(res.status).toBe(404)
    expect(JSON.parse(res.body.toString()).data.code).toBe('NOT_FOUND')
    expect((await api('GET', '/api/settings/data-exports', acme, undefined, 'acme.localhost')).json().map((e: { id: string }) => e.id)).not.toContain(exportId)
    const bad = await api('GET', '/api/settings/data-exports/not-an-id/download', acme, undefined, 'acme.localhost')
    expect(bad.status).toBe(400)
  })

  // On PGlite the server owns the database file, so the test cannot move the expiry there.
  if (driver === 'postgres') it('an expired export answers 410 with the error contract', async () => {
    const admin = await signIn(port, HOST, 'admin@cyberdyne.test')
    await owner.sql()`update data_exports set expires_at = now() - interval '1 minute' where id = ${exportId}`
    const res = await api('GET', `/api/settings/data-exports/${exportId}/download`, admin)
    expect(res.status).toBe(410)
    expect(res.json()).toMatchObject({ statusCode: 410, data: { code: 'EXPORT_EXPIRED' } })
    expect(res.json().message).toMatch(/expired/)
    const row = (await api('GET', '/api/settings/data-exports', admin)).json().find((e: { id: string }) => e.id === exportId)
    expect(row).toMatchObject({ status: 'ready', downloadable: false })
  })

  it('deletion: the name typed exactly, due in 30 days, once, and cancellable', async () => {
    const admin = await signIn(port, HOST, 'admin@cyberdyne.test')
    const before = (await api('GET', '/api/settings/deletion-request', admin)).json()
    expect(before).toEqual({ workspaceName: NAME, pending: false, requestedAt: null, requestedBy: null, dueAt: null, graceDays: 30 })

    for (const confirmName of ['cyberdyne systems', `${NAME} `, 'Cyberdyne']) {
      const wrong = await api('POST', '/api/settings/deletion-request', admin, { confirmName })
      expect(wrong.status).toBe(400)
      expect(wrong.json().data).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'confirmName' }] })
      expect(wrong.json().message).toContain('confirmName')
    }
    const missing = await api('POST', '/api/settings/deletion-request', admin, {})
    expect(missing.status).toBe(400)
    expect(missing.json().data.issues[0].path).toBe('confirmName')
    expect((await api('GET', '/api/settings/deletion-request', admin)).json()).toEqual(before)

    const requested = await api('POST', '/api/settings/deletion-request', admin, { confirmName: NAME })
    expect(requested.status).toBe(200)
    const state = (await api('GET', '/api/settings/deletion-request', admin)).json()
    expect(state).toMatchObject({ pending: true, requestedBy: 'admin@cyberdyne.test' })
    expect(Math.abs(new Date(state.requestedAt).getTime() - Date.now())).toBeLessThan(60_000)
    expect(new Date(state.dueAt).getTime() - new Date(state.requestedAt).getTime()).toBe(30 * 86_400_000)
    const audit = (await api('GET', `/api/audit?requestId=${requested.headers['x-request-id']}`, admin)).json()
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['workspace.deletion_requested'])

    const again = await api('POST', '/api/settings/deletion-request', admin, { confirmName: NAME })
    expect(again.status).toBe(409)
    expect(again.json().data.code).toBe('CONFLICT')
    expect((await api('GET', '/api/settings/deletion-request', admin)).json()).toEqual(state)

    const cancelled = await api('DELETE', '/api/settings/deletion-request', admin)
    expect(cancelled.status).toBe(200)
    expect((await api('GET', '/api/settings/deletion-request', admin)).json()).toEqual(before)
    expect((await api('DELETE', '/api/settings/deletion-request', admin)).status).toBe(404)
  })
})
