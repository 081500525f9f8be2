import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import type { ZipArchive } from '#server/utils/zip-download'
import { and, desc, eq, inArray, isNotNull, lt } from 'drizzle-orm'
import { dataExports, plans, tenants, users } from '#drizzle/schema'
import type { DataExport } from '#drizzle/schema'
import type { DataExportRow } from '#shared/schemas/data'
import { EXPORT_TTL_HOURS } from '#shared/schemas/data'
import { ArchiveWriter, csvLines, exportTables, jsonRows } from './export-archive'
import type { ExportTable } from './export-archive'
import type { TenantActor } from '#server/utils/permissions'
import type { AuditInput } from '#server/utils/audit'
import type { PlatformScope } from '#server/utils/platform-db'
import type { PlatformRunner, TenantRunner } from '#server/utils/scope-runner'
import type { TenantScope } from '#server/utils/tenant-db'

/** Rows read per query: memory holds one page of one table at a time. */
const PAGE_ROWS = 500
/** A queued or running export older than this was cut short (a restart): it no longer blocks a new one. */
const STALE_AFTER_MS = 2 * 60 * 60 * 1000
const RECENT_EXPORTS = 10

/** Blob key prefix of an export's archive; its parts are `<prefix>:0000`, `<prefix>:0001`, … */
const exportKey = (tenantId: string, exportId: string) => `exports:${tenantId}:${exportId}`
const partKey = (prefix: string, part: number) => `${prefix}:${String(part).padStart(4, '0')}`

function toRow(row: DataExport, requester: { id: string, name: string } | null, now = Date.now()): DataExportRow {
  return {
    id: row.id,
    status: row.status,
    progress: row.progress,
    sizeBytes: row.sizeBytes,
    error: row.error,
    requestedBy: requester,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    downloadable: row.status === 'ready' && !!row.storageKey && !!row.expiresAt && row.expiresAt.getTime() > now,
  }
}

/** The scope's tenant's recent exports, newest first. */
export async function listDataExports(scope: TenantScope): Promise<DataExportRow[]> {
  const rows = await scope.tx.select({ export: dataExports, user: { id: users.id, name: users.name } }).from(dataExports)
    .leftJoin(users, and(eq(users.tenantId, dataExports.tenantId), eq(users.id, dataExports.requestedBy)))
    .where(scope.where(dataExports))
    .orderBy(desc(dataExports.createdAt)).limit(RECENT_EXPORTS)
  return rows.map(r => toRow(r.export, r.user?.id ? r.user : null))
}

/** Any tenant's recent exports by id (also for super admins), newest first. */
export function listTenantExports(tenantId: string): Promise<DataExportRow[]> {
  return runInTenant(tenantId, listDataExports)
}

/**
 * Records a queued export in the scope's tenant (one at a time: 409 while one is queued or running),
 * audited; `requester` is the member who asked (null for a super admin or an API key).
 */
async function insertExport(scope: TenantScope, requester: { id: string, name: string } | null): Promise<DataExport> {
  // The tenant row lock orders concurrent requests: the second sees the first's row.
  await scope.tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, scope.tenantId)).for('update')
  await scope.tx.update(dataExports)
    .set({ status: 'failed', error: 'Interrupted before it finished. Request a new export.' })
    .where(scope.where(dataExports, inArray(dataExports.status, ['queued', 'running']), lt(dataExports.createdAt, new Date(Date.now() - STALE_AFTER_MS))))
  const [busy] = await scope.tx.select({ id: dataExports.id }).from(dataExports)
    .where(scope.where(dataExports, inArray(dataExports.status, ['queued', 'running']))).limit(1)
  if (busy) throw apiError(409, 'CONFLICT', 'An export is already being prepared. Wait for it to finish, then request another.')
  const [created] = await scope.tx.insert(dataExports)
    .values(scope.values(dataExports, [{ requestedBy: requester?.id ?? null }])).returning()
  await scope.audit({ action: 'data_export.requested', entityType: 'data_export', entityId: created!.id })
  return created!
}

/** Hands a committed export to the `data-export` job (server/utils/jobs.ts), built on whichever instance picks it up. */
async function enqueueExport(row: DataExport): Promise<void> {
  await enqueue('data-export', { tenantId: row.tenantId, exportId: row.id })
}

/**
 * Queues an export of everything the tenant owns (one at a time: 409 while one is queued or
 * running) and enqueues the `data-export` job once the transaction has committed (hence a runner).
 */
export async function requestDataExport(run: TenantRunner, actor: TenantActor): Promise<DataExportRow> {
  const requester = actor.kind === 'user' ? { id: actor.id, name: actor.name } : null
  const row = await run(scope => insertExport(scope, requester))
  await enqueueExport(row)
  return toRow(row, requester)
}

/**
 * The same for any tenant by id, by a super admin: `platformAudit` records the request in the
 * platform's log too, in the same transaction.
 */
export async function queueTenantExport(run: PlatformRunner, tenantId: string, platformAudit: AuditInput & { tenantId: string }): Promise<DataExportRow> {
  const row = await run(async (scope) => {
    const created = await scope.inTenant(tenantId, tenantScope => insertExport(tenantScope, null))
    await scope.audit({ ...platformAudit, entityType: 'data_export', entityId: created.id })
    return created
  })
  await enqueueExport(row)
  return toRow(row, null)
}

/** Sets an export's columns, in the tenant's scope. */
function updateExport(tenantId: string, exportId: string, set: Partial<DataExport>) {
  return runInTenant(tenantId, scope => scope.tx.update(dataExports).set(set).where(scope.where(dataExports, eq(dataExports.id, exportId))))
}

/** One page of a table, through the tenant scope (so RLS applies), in primary-key order. */
function readPage(tenantId: string, t: ExportTable, offset: number): Promise<Record<string, unknown>[]> {
  return runInTenant(tenantId, scope => scope.tx.select(t.columns).from(t.table)
    .where(scope.where(t.table)).orderBy(...t.orderBy).limit(PAGE_ROWS).offset(offset)) as Promise<Record<string, unknown>[]>
}

/**
 * Writes `json/<table>.json` while the same pages go as CSV to a scratch file, which then follows
 * as `csv/<table>.csv` (a ZIP is written one file at a time): each row is read once, both files
 * hold the same rows, and memory holds one page. Returns the row count.
 */
async function writeTable(writer: ArchiveWriter, scratch: string, tenantId: string, t: ExportTable): Promise<number> {
  const names = Object.keys(t.columns)
  const csvPath = join(scratch, `${t.name}.csv`)
  const csv = createWriteStream(csvPath)
  const json = writer.file(`json/${t.name}.json`)
  await json.push('[')
  let count = 0
  for (;;) {
    const rows = await readPage(tenantId, t, count)
    if (!rows.length) break
    await json.push(jsonRows(rows, count === 0))
    if (!csv.write(csvLines(rows, names, count === 0))) await once(csv, 'drain')
    count += rows.length
    if (rows.length < PAGE_ROWS) break
  }
  if (count === 0) csv.write(csvLines([], names, true))
  await json.end(count ? '\n]\n' : ']\n')
  csv.end()
  await once(csv, 'finish')

  const file = writer.file(`csv/${t.name}.csv`)
  for await (const chunk of createReadStream(csvPath, { encoding: 'utf8', highWaterMark: 256 * 1024 })) await file.push(chunk as string)
  await file.end()
  await rm(csvPath)
  return count
}

/** Removes the stored parts of an archive. */
async function removeArchive(prefix: string): Promise<void> {
  const storage = blobStorage()
  for (let part = 0; await storage.hasItem(partKey(prefix, part)); part++) await storage.removeItem(partKey(prefix, part))
}

/** Frees the storage of the tenant's expired exports (their rows stay, as history). */
async function pruneExpired(tenantId: string): Promise<void> {
  const expired = await runInTenant(tenantId, scope => scope.tx.update(dataExports).set({ storageKey: null })
    .where(scope.where(dataExports, isNotNull(dataExports.storageKey), lt(dataExports.expiresAt, new Date())))
    .returning({ storageKey: dataExports.storageKey, id: dataExports.id }))
  for (const row of expired) await removeArchive(exportKey(tenantId, row.id))
}

/**
 * Builds export `exportId` of tenant `tenantId`: every tenant table as JSON and CSV, the workspace's
 * own settings and a manifest, in one ZIP stored through blobStorage() in parts; progress is saved
 * after each table. Safe to call from a job: it only acts on a queued export.
 */
export async function runDataExport(tenantId: string, exportId: string): Promise<void> {
  const claimed = await runInTenant(tenantId, scope => scope.tx.update(dataExports).set({ status: 'running', progress: 0 })
    .where(scope.where(dataExports, eq(dataExports.id, exportId), eq(dataExports.status, 'queued'))).returning({ id: dataExports.id }))
  if (!claimed.length) return
  const prefix = exportKey(tenantId, exportId)
  const storage = blobStorage()
  const scratch = await mkdtemp(join(tmpdir(), 'atrium-export-'))
  try {
    await pruneExpired(tenantId)
    // Everything `import-tenant` needs to recreate the workspace row in another deployment (the
    // tenants table has no tenant_id, so it is not among the tables), plus its plan as defined
    // here. Platform-only facts (suspension reason, soft delete) stay out: tenant admins read this.
    const [row] = await runInTenant(tenantId, scope => scope.tx.select({
      id: tenants.id, slug: tenants.slug, name: tenants.name, plan: plans.key, theme: tenants.theme, preferences: tenants.preferences,
      emailTemplates: tenants.emailTemplates, sessionIdleMinutes: tenants.sessionIdleMinutes, sessionMaxHours: tenants.sessionMaxHours,
      requireMfa: tenants.requireMfa, ipAllowlist: tenants.ipAllowlist, redirectToPrimary: tenants.redirectToPrimary,
      deletionRequestedAt: tenants.deletionRequestedAt, deletionRequestedBy: tenants.deletionRequestedBy, deletionDueAt: tenants.deletionDueAt,
      createdAt: tenants.createdAt, updatedAt: tenants.updatedAt,
      planName: plans.name, planLimits: plans.limits, planFeatures: plans.features,
    }).from(tenants).innerJoin(plans, eq(plans.id, tenants.planId)).where(eq(tenants.id, tenantId)))
    if (!row) throw new Error('the workspace is gone')
    const { planName, planLimits, planFeatures, ...profile } = row
    const workspace = { ...profile, planDefinition: { key: row.plan, name: planName, limits: planLimits, features: planFeatures } }

    const tables = exportTables()
    const writer = new ArchiveWriter((part, data) => storage.setItemRaw(partKey(prefix, part), data))
    const counts: Record<string, number> = {}
    for (const [i, t] of tables.entries()) {
      counts[t.name] = await writeTable(writer, scratch, tenantId, t)
      await updateExport(tenantId, exportId, { progress: Math.min(99, Math.floor(((i + 1) / tables.length) * 99)) })
    }
    await writer.file('workspace.json').end(`${JSON.stringify(workspace, null, 2)}\n`)
    const manifest = {
      format: 'atrium-data-export/1',
      tenant: { id: workspace.id, slug: workspace.slug, name: workspace.name },
      exportId,
      generatedAt: new Date().toISOString(),
      tables: tables.map(t => ({ name: t.name, rows: counts[t.name], json: `json/${t.name}.json`, csv: `csv/${t.name}.csv`, columns: Object.keys(t.columns), excludedColumns: t.excluded })),
      rowCounts: counts,
    }
    await writer.file('manifest.json').end(`${JSON.stringify(manifest, null, 2)}\n`)
    await writer.finish()
    const completedAt = new Date()
    // Ready and announced in one transaction (the `export.ready` event).
    await runInTenant(tenantId, async (scope) => {
      await scope.tx.update(dataExports).set({
        status: 'ready', progress: 100, storageKey: prefix, sizeBytes: writer.size, completedAt,
        expiresAt: new Date(completedAt.getTime() + EXPORT_TTL_HOURS * 3600_000),
      }).where(scope.where(dataExports, eq(dataExports.id, exportId)))
      await scope.emit('export.ready', { exportId, sizeBytes: writer.size })
    })
  }
  catch (error) {
    logger().error({ exportId, tenantId, err: error }, 'data-export: failed')
    await removeArchive(prefix).catch(() => {})
    await updateExport(tenantId, exportId, { status: 'failed', error: 'The export could not be completed. Request a new one; if it fails again, contact support.' })
  }
  finally {
    await rm(scratch, { recursive: true, force: true })
  }
}

/**
 * A ready, unexpired export of the scope's tenant, read and audited as a download; 404 for another
 * tenant's or a missing id, 409 while not ready, 410 once expired.
 */
async function readyExport(scope: TenantScope, id: string): Promise<DataExport> {
  const [row] = await scope.tx.select().from(dataExports).where(scope.where(dataExports, eq(dataExports.id, id))).limit(1)
  if (!row) throw notFound('No such export')
  if (row.status !== 'ready') throw apiError(409, 'CONFLICT', row.status === 'failed' ? 'This export failed: request a new one' : 'This export is still being prepared')
  if (!row.storageKey || !row.expiresAt || row.expiresAt.getTime() <= Date.now() || !(await blobStorage().hasItem(partKey(row.storageKey, 0)))) {
    throw apiError(410, 'EXPORT_EXPIRED', `This export expired ${EXPORT_TTL_HOURS} hours after it was made: request a new one`)
  }
  await scope.audit({ action: 'data_export.downloaded', entityType: 'data_export', entityId: row.id, after: { bytes: row.sizeBytes } })
  return row
}

/**
 * The archive of a ready export as a stream of its stored parts. The stream reads blob storage
 * only when the handler sends it, after the transaction has committed.
 */
function exportArchive(row: DataExport, slug: string): ZipArchive {
  const storage = blobStorage()
  const prefix = row.storageKey!
  let part = 0
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const data = await storage.getItemRaw<Uint8Array | ArrayBuffer>(partKey(prefix, part++))
      if (data) controller.enqueue(new Uint8Array(data))
      else controller.close()
    },
  })
  const stamp = row.completedAt!.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')
  return { filename: `${slug}-export-${stamp}.zip`, size: row.sizeBytes ?? 0, stream }
}

/** A ready, unexpired export of the scope's tenant as an archive to send (audited as a download). */
export async function openDataExport(scope: TenantScope, id: string): Promise<ZipArchive> {
  return exportArchive(await readyExport(scope, id), scope.tenant.slug)
}

/** The same for any tenant (super admins on the platform host: `platformAudit` logs the download there too). */
export async function openTenantExport(scope: PlatformScope, tenant: { id: string, slug: string }, id: string, platformAudit: AuditInput & { tenantId: string }): Promise<ZipArchive> {
  const row = await scope.inTenant(tenant.id, tenantScope => readyExport(tenantScope, id))
  await scope.audit({ ...platformAudit, entityType: 'data_export', entityId: row.id })
  return exportArchive(row, tenant.slug)
}
