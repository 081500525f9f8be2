import { randomBytes } from 'node:crypto'
import { asc, count, eq, getTableColumns, inArray, sql } from 'drizzle-orm'
import { getTableConfig } from 'drizzle-orm/pg-core'
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core'
import { strFromU8, unzipSync } from 'fflate'
import { v7 as uuidv7 } from 'uuid'
import { auditLog, plans, platformAuditLog, tenantDomains, tenants } from '#drizzle/schema'
import type { PlanLimits } from '#drizzle/schema'
import type { Db, Tx } from '#server/database/connect'
import { FEATURE_KEYS } from '#shared/features'
import { newSlugSchema } from '#shared/schemas/platform'
import { SECRET_COLUMN, exportTables } from './export-archive'

// A tenant's data export (export-archive.ts, data-export.ts) brought into another deployment as a
// new tenant: the operator's `import-tenant` command (scripts/cli/atrium.ts). It runs outside the
// server (no Nitro auto-imports here), as the database owner, in ONE transaction bound to the
// imported tenant (`app.tenant_id` set first, so forced RLS holds for an owner that is not a
// superuser): a refusal or failure anywhere leaves the database as it was. Ids are kept, so every
// reference inside the archive stays intact — and the same archive can be imported only once per
// deployment. Secrets are never exported, so what depends on them does not come back (see NOT_CARRIED).

/** A refusal or a damaged archive, said in words an operator can act on. */
export class TenantImportError extends Error {
  override name = 'TenantImportError'
}

/** Export format this reader understands (manifest.json's `format`). */
export const EXPORT_FORMAT = 'atrium-data-export/1'

/** Rows per INSERT: well under PostgreSQL's 65,535 bound parameters for the widest table. */
const INSERT_BATCH = 500

// ---- The archive --------------------------------------------------------------------------------

export interface ManifestTable { name: string, rows: number, json: string, columns: string[], excludedColumns: string[] }
export interface Manifest {
  format: string
  tenant: { id: string, slug: string, name: string }
  exportId?: string
  generatedAt?: string
  tables: ManifestTable[]
  rowCounts: Record<string, number>
}

/** workspace.json: the tenants row (camelCase) and, since import exists, its plan's definition. */
export interface WorkspaceFile {
  id: string
  slug: string
  name: string
  plan: string
  theme: Record<string, unknown>
  preferences?: Record<string, unknown>
  emailTemplates?: Record<string, unknown>
  sessionIdleMinutes?: number
  sessionMaxHours?: number
  requireMfa?: boolean
  ipAllowlist?: string[]
  redirectToPrimary?: boolean
  deletionRequestedAt?: string | null
  deletionRequestedBy?: string | null
  deletionDueAt?: string | null
  createdAt?: string
  updatedAt?: string
  planDefinition?: { key: string, name: string, limits: PlanLimits, features: string[] }
}

/** An export ZIP held in memory; each file is inflated only when read, one at a time. */
export interface ExportArchive {
  manifest: Manifest
  workspace: WorkspaceFile
  files: Set<string>
  /** A JSON file of the archive, parsed (a clear error when it is missing or not JSON). */
  json: <T>(name: string) => T
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Opens an export archive and checks its manifest; refuses anything that is not one. */
export function openExportArchive(bytes: Uint8Array): ExportArchive {
  const files = new Set<string>()
  try {
    // The filter sees every entry of the central directory; returning false inflates nothing.
    unzipSync(bytes, { filter: (file) => {
      files.add(file.name)
      return false
    } })
  }
  catch (error) {
    throw new TenantImportError(`This file is not a ZIP archive, or it is damaged (${(error as Error).message})`)
  }
  const json = <T>(name: string): T => {
    if (!files.has(name)) throw new TenantImportError(`The archive has no ${name}`)
    let text: string
    try {
      text = strFromU8(unzipSync(bytes, { filter: file => file.name === name })[name]!)
    }
    catch (error) {
      throw new TenantImportError(`${name} in the archive is damaged (${(error as Error).message})`)
    }
    try {
      return JSON.parse(text) as T
    }
    catch {
      throw new TenantImportError(`${name} in the archive is not valid JSON: the archive is damaged`)
    }
  }
  if (!files.has('manifest.json')) throw new TenantImportError('This ZIP is not an Atrium data export: it has no manifest.json')
  const manifest = json<Manifest>('manifest.json')
  if (manifest?.format !== EXPORT_FORMAT) {
    throw new TenantImportError(`This ZIP is not an Atrium data export this version can read (format ${JSON.stringify(manifest?.format ?? null)}, expected "${EXPORT_FORMAT}")`)
  }
  if (!manifest.tenant || !UUID.test(String(manifest.tenant.id)) || !Array.isArray(manifest.tables)) {
    throw new TenantImportError('The archive\'s manifest.json is incomplete (tenant or tables missing): the archive is damaged')
  }
  const workspace = json<WorkspaceFile>('workspace.json')
  if (workspace?.id !== manifest.tenant.id || typeof workspace.slug !== 'string' || typeof workspace.name !== 'string' || typeof workspace.plan !== 'string' || !workspace.theme) {
    throw new TenantImportError('The archive\'s workspace.json does not describe the workspace of its manifest: the archive is damaged')
  }
  return { manifest, workspace, files, json }
}

// ---- The tables and their order -----------------------------------------------------------------

type AnyTable = PgTable & { tenantId: PgColumn }

/** Tables the database fills itself from the imported rows (triggers, 0026 and 0028): never inserted. */
const DERIVED: Record<string, string> = {
  search_index: 'rebuilt by the database from the imported records',
  analytics_revisions: 'rebuilt by the database as the records are written',
}

/** Platform records that carry a tenant_id (so the export includes them) but belong to the old platform. */
const PLATFORM_RECORDS: Record<string, string> = {
  impersonations: 'the old platform\'s record of its super admins entering the workspace',
  tenant_usage_summary: 'recomputed here by the usage roll-up',
}

/** The old workspace's event history and its deliveries: events happened there, and are not sent again from here. */
const SENT_HISTORY: Record<string, string> = {
  domain_events: 'the old workspace\'s event history: its events were sent from there',
  webhook_deliveries: 'the old workspace\'s webhook deliveries',
  // Only in exports made before migration 0038, which moved the tries onto the delivery rows.
  webhook_attempts: 'the old workspace\'s webhook delivery log',
  inbound_webhooks: 'the old workspace\'s log of incoming webhooks',
}

/** What is lost with a table whose secret column is required, so the table cannot come back. */
const NOT_CARRIED: Record<string, string> = {
  sessions: 'sign-in sessions are not carried: everyone signs in again',
  auth_tokens: 'invitation and password-reset links are not carried: invite again, or ask for a new link',
  api_keys: 'API keys are not carried (their secrets are never exported): create new keys and give them to the integrations',
  recovery_codes: 'two-factor recovery codes are not carried: two-factor is enrolled again',
  sso_connections: 'single sign-on is not carried (its client secret is never exported): set it up again in Settings → Security',
  webhook_endpoints: 'webhook endpoints are not carried (their signing secrets are never exported): add them again in Settings → Webhooks',
  webhook_receivers: 'incoming webhook addresses are not carried (their secrets are never exported): add them again in Settings → Webhooks and give the senders the new address',
}

/** The tenant's tables, by SQL name (the same rule as the export: every table with tenant_id but the platform's audit log). */
export function tenantTables(): Map<string, AnyTable> {
  return new Map(exportTables().map(t => [t.name, t.table as AnyTable]))
}

/**
 * Table names in an order that inserts every referenced row before the rows pointing at it: the
 * foreign keys in Drizzle's table config, plus `extraEdges` ([from, to]: `from` references `to`)
 * for keys written in SQL migrations that Drizzle cannot express (owner columns → users). A
 * table's reference to itself is left to the row order (parentsFirst). Ties go alphabetically.
 */
export function insertOrder(tables: Map<string, PgTable>, extraEdges: [string, string][] = []): string[] {
  const deps = new Map<string, Set<string>>([...tables.keys()].map(name => [name, new Set<string>()]))
  const add = (from: string, to: string) => {
    if (from !== to && deps.has(from) && deps.has(to)) deps.get(from)!.add(to)
  }
  for (const [name, table] of tables) {
    for (const fk of getTableConfig(table).foreignKeys) add(name, getTableConfig(fk.reference().foreignTable).name)
  }
  for (const [from, to] of extraEdges) add(from, to)
  const order: string[] = []
  const done = new Set<string>()
  while (done.size < deps.size) {
    const ready = [...deps].filter(([name, on]) => !done.has(name) && [...on].every(d => done.has(d))).map(([name]) => name).sort()
    if (!ready.length) throw new TenantImportError(`The tables' foreign keys form a cycle (${[...deps.keys()].filter(n => !done.has(n)).join(', ')}): no insert order exists`)
    for (const name of ready) {
      order.push(name)
      done.add(name)
    }
  }
  return order
}

/** The foreign keys between public tables as the database has them (those written in SQL too). */
async function catalogueEdges(tx: Tx): Promise<[string, string][]> {
  const result = await tx.execute(sql`select c.conrelid::regclass::text as "from", c.confrelid::regclass::text as "to"
    from pg_constraint c where c.contype = 'f' and c.connamespace = 'public'::regnamespace`)
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { from: string, to: string }[]
  return rows.map(r => [r.from.replace(/^public\.|"/g, ''), r.to.replace(/^public\.|"/g, '')])
}

/**
 * Rows of a table that references itself (teams.parent_id), parents before children, so each
 * insert finds the row it points at. Other rows keep their order; a cycle is left as it is (the
 * database then refuses it).
 */
export function parentsFirst<T extends Record<string, unknown>>(rows: T[], idKey: string, parentKey: string): T[] {
  const byId = new Map(rows.map(r => [r[idKey], r]))
  const placed = new Set<unknown>()
  const out: T[] = []
  const place = (row: T, seen: Set<unknown>) => {
    if (placed.has(row[idKey]) || seen.has(row[idKey])) return
    seen.add(row[idKey])
    const parent = row[parentKey] == null ? undefined : byId.get(row[parentKey])
    if (parent) place(parent, seen)
    placed.add(row[idKey])
    out.push(row)
  }
  for (const row of rows) place(row, new Set())
  return out
}

/** The (column, referenced column) pair by which a table points at itself, other than tenant_id. */
function selfReference(table: PgTable): { column: string, target: string } | null {
  const config = getTableConfig(table)
  for (const fk of config.foreignKeys) {
    const ref = fk.reference()
    if (getTableConfig(ref.foreignTable).name !== config.name) continue
    const i = ref.columns.findIndex(c => c.name !== 'tenant_id')
    if (i >= 0) return { column: ref.columns[i]!.name, target: ref.foreignColumns[i]!.name }
  }
  return null
}

// ---- Rows: JSON back to column values -----------------------------------------------------------

/**
 * One archived row (SQL column names, JSON values) as Drizzle insert values (property keys, column
 * types): ISO strings back to Dates for timestamps, numbers checked, JSON and arrays as they are.
 * Columns the archive lacks are left to their defaults. Throws naming the column on a bad value.
 */
export function rowValues(row: Record<string, unknown>, table: PgTable, where: string): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, column] of Object.entries(getTableColumns(table)) as [string, PgColumn][]) {
    if (!(column.name in row)) continue
    const value = row[column.name]
    const bad = (what: string) => new TenantImportError(`${where}: ${column.name} is not ${what} (${JSON.stringify(value)?.slice(0, 60)}): the archive is damaged`)
    if (value === null) {
      out[key] = null
      continue
    }
    switch (column.dataType) {
      case 'date': {
        const date = typeof value === 'string' ? new Date(value) : null
        if (!date || Number.isNaN(date.getTime())) throw bad('a date')
        out[key] = date
        break
      }
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) throw bad('a number')
        out[key] = value
        break
      case 'bigint':
        if (typeof value !== 'number' && typeof value !== 'string') throw bad('an integer')
        out[key] = BigInt(value)
        break
      case 'boolean':
        if (typeof value !== 'boolean') throw bad('true or false')
        out[key] = value
        break
      case 'array':
        if (!Array.isArray(value)) throw bad('an array')
        out[key] = value
        break
      case 'string':
        // text, uuid, enums, numeric, date in string mode: JSON keeps them as strings.
        if (typeof value !== 'string' && typeof value !== 'number') throw bad('text')
        if (column.columnType === 'PgUUID' && !UUID.test(String(value))) throw bad('a UUID')
        if ('enumValues' in column && Array.isArray(column.enumValues) && column.enumValues.length && !column.enumValues.includes(String(value))) throw bad(`one of ${column.enumValues.join(', ')}`)
        out[key] = String(value)
        break
      default:
        // json / jsonb and custom types: as they were.
        out[key] = value
    }
  }
  return out
}

// ---- The plan -----------------------------------------------------------------------------------

export type PlanChoice
  = | { kind: 'same', key: string }
    | { kind: 'fallback', key: string, lostFeatures: string[] }
    | { kind: 'create', key: string }
    | { kind: 'none' }

/**
 * Which plan of the target the workspace goes on: `requested` (--plan) when given and present;
 * else the archive's plan when the target has one of that key; else the target's default plan
 * (the oldest, the one the console lists first) with a warning; and when the target has no plan
 * at all, the archive's plan is created from its definition (if the archive carries one).
 */
export function choosePlan(archive: { key: string, features?: string[] }, target: { key: string, features: string[] }[], canCreate: boolean, requested?: string): PlanChoice {
  if (requested) {
    if (!target.some(p => p.key === requested)) throw new TenantImportError(`There is no plan "${requested}" here (plans: ${target.map(p => p.key).join(', ') || 'none'})`)
    return requested === archive.key ? { kind: 'same', key: requested } : { kind: 'fallback', key: requested, lostFeatures: lost(archive, target.find(p => p.key === requested)!) }
  }
  if (target.some(p => p.key === archive.key)) return { kind: 'same', key: archive.key }
  const fallback = target[0]
  if (fallback) return { kind: 'fallback', key: fallback.key, lostFeatures: lost(archive, fallback) }
  return canCreate ? { kind: 'create', key: archive.key } : { kind: 'none' }
}

function lost(archive: { features?: string[] }, plan: { features: string[] }): string[] {
  return (archive.features ?? []).filter(f => !plan.features.includes(f))
}

// ---- The import ---------------------------------------------------------------------------------

export interface ImportOptions {
  /** The new workspace's slug instead of the archive's. */
  slug?: string
  /** A plan key of the target instead of the archive's. */
  plan?: string
  /** Check and count everything in a transaction that is then rolled back. */
  dryRun?: boolean
  /** Platform domain, for the addresses printed in the notes (default localhost). */
  platformDomain?: string
}

export interface ImportedTable { name: string, rows: number, skipped?: string }

export interface ImportSummary {
  dryRun: boolean
  tenant: { id: string, slug: string, name: string, archiveSlug: string }
  plan: string
  exportedAt: string | null
  tables: ImportedTable[]
  /** Things the operator must know or do: plan changes, secrets not carried, domains. */
  warnings: string[]
}

class DryRunDone extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run: rolled back')
  }
}

/** The database's own words for a refused statement (postgres-js and PGlite wrap them differently). */
function dbMessage(error: unknown): string {
  const e = error as { message?: string, cause?: { message?: string, detail?: string }, detail?: string }
  const inner = e.cause?.message ?? e.message ?? String(error)
  const detail = e.cause?.detail ?? e.detail
  return detail ? `${inner} (${detail})` : inner
}

/**
 * Imports an export archive as a new tenant of `db` (opened as the owner) in one transaction.
 * Refuses — writing nothing — when the workspace's id, its slug or one of its custom domains is
 * already here, when the archive is damaged or from a newer schema, or when any row is refused.
 */
export async function importTenant(db: Db, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportSummary> {
  const archive = openExportArchive(bytes)
  const { manifest, workspace } = archive
  const tenantId = manifest.tenant.id
  const slug = options.slug ?? workspace.slug
  const slugCheck = newSlugSchema.safeParse(slug)
  if (!slugCheck.success) throw new TenantImportError(`The slug "${slug}" ${slugCheck.error.issues[0]!.message}${options.slug ? '' : ': choose another with --slug'}`)
  const platform = options.platformDomain || 'localhost'

  // What this version knows against what the archive holds: a newer schema's table or column is refused.
  const tables = tenantTables()
  const archived = new Map(manifest.tables.map(t => [t.name, t]))
  for (const t of manifest.tables) {
    const table = tables.get(t.name)
    if (!table) throw new TenantImportError(`The archive holds a table this version does not have (${t.name}): upgrade this deployment first`)
    const known = new Set(Object.values(getTableColumns(table)).map(c => (c as PgColumn).name))
    const unknown = t.columns.filter(c => !known.has(c))
    if (unknown.length) throw new TenantImportError(`The archive's ${t.name} has columns this version does not have (${unknown.join(', ')}): upgrade this deployment first`)
    if (!archive.files.has(t.json)) throw new TenantImportError(`The archive has no ${t.json}: it is damaged`)
  }

  const warnings: string[] = []
  const summaryTables: ImportedTable[] = []
  const run = async (tx: Tx): Promise<ImportSummary> => {
    // First statement: bind the transaction to the new tenant, as the server's scopes do (bound
    // parameter, transaction-local), so forced RLS admits its rows whatever the owner role may bypass.
    await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`)

    // ---- Refusals: nothing has been written yet.
    const [sameId] = await tx.select({ slug: tenants.slug }).from(tenants).where(eq(tenants.id, tenantId)).limit(1)
    if (sameId) {
      throw new TenantImportError(`This workspace (id ${tenantId}) is already here, as "${sameId.slug}": an archive keeps its ids, so it can be imported only once into a deployment${options.slug ? ' (--slug does not change that)' : ''}. Nothing was imported.`)
    }
    const [slugTaken] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug)).limit(1)
    const [hostTaken] = await tx.select({ id: tenantDomains.id }).from(tenantDomains).where(eq(tenantDomains.hostname, slug)).limit(1)
    if (slugTaken || hostTaken) throw new TenantImportError(`The slug "${slug}" is already taken here: choose another with --slug. Nothing was imported.`)

    const domainRows = archived.has('tenant_domains') ? archive.json<Record<string, unknown>[]>(archived.get('tenant_domains')!.json) : []
    const custom = domainRows.filter(d => d.kind === 'custom').map(d => String(d.hostname))
    if (custom.length) {
      const taken = await tx.select({ hostname: tenantDomains.hostname }).from(tenantDomains).where(inArray(tenantDomains.hostname, custom))
      if (taken.length) throw new TenantImportError(`The custom domain${taken.length > 1 ? 's' : ''} ${taken.map(t => t.hostname).join(', ')} already belong${taken.length > 1 ? '' : 's'} to a workspace here. Nothing was imported.`)
    }
    const domainIds = domainRows.map(d => String(d.id)).filter(id => UUID.test(id))
    if (domainIds.length) {
      const clash = await tx.select({ id: tenantDomains.id }).from(tenantDomains).where(inArray(tenantDomains.id, domainIds))
      if (clash.length) throw new TenantImportError(`Domain ids of the archive (${clash.map(c => c.id).join(', ')}) are already used here: this archive's rows were imported before. Nothing was imported.`)
    }

    // ---- The plan.
    const targetPlans = await tx.select({ id: plans.id, key: plans.key, features: plans.features }).from(plans).orderBy(asc(plans.createdAt), asc(plans.key))
    const definition = workspace.planDefinition
    const choice = choosePlan({ key: workspace.plan, features: definition?.features }, targetPlans, !!definition, options.plan)
    let planId: string
    if (choice.kind === 'none') throw new TenantImportError(`This deployment has no plans yet and the archive does not describe its plan "${workspace.plan}": create a plan in /admin first`)
    if (choice.kind === 'create') {
      const [created] = await tx.insert(plans).values({ key: definition!.key, name: definition!.name, limits: definition!.limits, features: definition!.features }).returning({ id: plans.id })
      planId = created!.id
      warnings.push(`This deployment had no plans: created plan "${definition!.key}" (${definition!.name}) from the archive's definition.`)
    }
    else {
      planId = targetPlans.find(p => p.key === choice.key)!.id
      if (choice.kind === 'fallback') {
        warnings.push(`The archive's plan "${workspace.plan}" ${options.plan ? 'was replaced by' : 'does not exist here: the workspace is on the default plan'} "${choice.key}"${choice.lostFeatures.length ? `, which lacks ${choice.lostFeatures.join(', ')}` : ''}.`)
      }
    }

    // ---- The workspace row (the tenants table has no tenant_id: it comes from workspace.json).
    const date = (v: string | null | undefined) => (v ? new Date(v) : null)
    // Checked above; a second import racing this one meets the primary key or the slug's unique index here.
    await tx.insert(tenants).values(({
      id: tenantId,
      slug,
      name: workspace.name,
      status: 'active',
      planId,
      theme: workspace.theme as never,
      ...(workspace.preferences ? { preferences: workspace.preferences } : {}),
      ...(workspace.emailTemplates ? { emailTemplates: workspace.emailTemplates } : {}),
      ...(workspace.sessionIdleMinutes != null ? { sessionIdleMinutes: workspace.sessionIdleMinutes } : {}),
      ...(workspace.sessionMaxHours != null ? { sessionMaxHours: workspace.sessionMaxHours } : {}),
      ...(workspace.requireMfa != null ? { requireMfa: workspace.requireMfa } : {}),
      ...(workspace.ipAllowlist ? { ipAllowlist: workspace.ipAllowlist } : {}),
      ...(workspace.redirectToPrimary != null ? { redirectToPrimary: workspace.redirectToPrimary } : {}),
      deletionRequestedAt: date(workspace.deletionRequestedAt),
      deletionRequestedBy: workspace.deletionRequestedBy ?? null,
      deletionDueAt: date(workspace.deletionDueAt),
      ...(workspace.createdAt ? { createdAt: new Date(workspace.createdAt) } : {}),
      ...(workspace.updatedAt ? { updatedAt: new Date(workspace.updatedAt) } : {}),
    }) as typeof tenants.$inferInsert).catch((error: unknown) => {
      throw new TenantImportError(`The database refused the workspace row: ${dbMessage(error)}. Nothing was imported.`)
    })
    if (workspace.deletionDueAt) warnings.push(`The workspace's admins had asked for its deletion, due ${workspace.deletionDueAt}: the request was imported with it (they can cancel it in Settings → Data).`)
    if (workspace.ipAllowlist?.length) warnings.push(`The workspace only answers from ${workspace.ipAllowlist.join(', ')} (its IP allowlist).`)

    // ---- The tables, referenced rows first (Drizzle's foreign keys plus those written in SQL).
    const order = insertOrder(tables, await catalogueEdges(tx))
    for (const name of order) {
      const table = tables.get(name)!
      const entry = archived.get(name)
      if (!entry) {
        summaryTables.push({ name, rows: 0, skipped: 'not in the archive (it was made before this table existed)' })
        continue
      }
      let rows = archive.json<Record<string, unknown>[]>(entry.json)
      if (!Array.isArray(rows)) throw new TenantImportError(`${entry.json} is not a list of rows: the archive is damaged`)
      if (rows.length !== entry.rows) throw new TenantImportError(`${entry.json} holds ${rows.length} rows where the manifest says ${entry.rows}: the archive is damaged`)
      const derived = DERIVED[name] ?? PLATFORM_RECORDS[name] ?? SENT_HISTORY[name]
      if (derived) {
        summaryTables.push({ name, rows: 0, skipped: derived })
        continue
      }
      // A required column the archive cannot hold (a secret): the table's rows cannot come back.
      const missing = (Object.values(getTableColumns(table)) as PgColumn[])
        .filter(c => c.notNull && !c.hasDefault && !entry.columns.includes(c.name) && SECRET_COLUMN.test(c.name))
      if (missing.length) {
        const reason = NOT_CARRIED[name] ?? `its ${missing.map(c => c.name).join(', ')} ${missing.length > 1 ? 'are' : 'is'} never exported`
        summaryTables.push({ name, rows: 0, skipped: reason })
        if (rows.length) {
          if (name === 'sso_connections') {
            const sso = rows[0]!
            warnings.push(`Single sign-on (issuer ${String(sso.issuer)}, client id ${String(sso.client_id)}) was not imported: its client secret is never exported. Set it up again in Settings → Security.`)
          }
          else warnings.push(`${name}: ${rows.length} row${rows.length > 1 ? 's' : ''} not imported — ${reason}.`)
        }
        continue
      }
      for (const [i, row] of rows.entries()) {
        if (row?.tenant_id !== tenantId) throw new TenantImportError(`${entry.json} row ${i + 1} belongs to another workspace (tenant_id ${JSON.stringify(row?.tenant_id)}): the archive is damaged`)
      }
      rows = fixUp(name, rows, { slug, warnings })
      const self = selfReference(table)
      if (self) rows = parentsFirst(rows, self.target, self.column)
      const values = rows.map((row, i) => rowValues(row, table, `${entry.json} row ${i + 1}`))
      for (let at = 0; at < values.length; at += INSERT_BATCH) {
        try {
          await tx.insert(table).values(values.slice(at, at + INSERT_BATCH) as never)
        }
        catch (error) {
          throw new TenantImportError(`The database refused a row of ${name}: ${dbMessage(error)}. Nothing was imported.`)
        }
      }
      const [stored] = await tx.select({ n: count() }).from(table).where(eq(table.tenantId, tenantId))
      if (Number(stored?.n) !== rows.length) throw new TenantImportError(`${name}: ${rows.length} rows in the archive, ${stored?.n} stored. Nothing was imported.`)
      summaryTables.push({ name, rows: rows.length })
    }
    // An archive without its subdomain row still gets its built-in address.
    if (!domainRows.some(d => d.kind === 'subdomain')) {
      await tx.insert(tenantDomains).values({ tenantId, hostname: slug, kind: 'subdomain', isPrimary: !domainRows.some(d => d.is_primary), verifiedAt: new Date() })
    }

    // ---- Both audit logs, in this transaction.
    const rowsImported = Object.fromEntries(summaryTables.filter(t => !t.skipped).map(t => [t.name, t.rows]))
    const after = { slug, archiveSlug: workspace.slug, exportId: manifest.exportId ?? null, exportedAt: manifest.generatedAt ?? null, plan: choice.key }
    await tx.insert(auditLog).values({ id: uuidv7(), tenantId, actorType: 'system', action: 'tenant.imported', entityType: 'tenant', entityId: tenantId, after })
    await tx.insert(platformAuditLog).values({ tenantId, actorType: 'system', action: 'tenant.imported_from_cli', entityType: 'tenant', entityId: tenantId, after: { ...after, rows: rowsImported } })

    const summary: ImportSummary = {
      dryRun: !!options.dryRun,
      tenant: { id: tenantId, slug, name: workspace.name, archiveSlug: workspace.slug },
      plan: choice.key,
      exportedAt: manifest.generatedAt ?? null,
      tables: summaryTables.sort((a, b) => a.name.localeCompare(b.name)),
      warnings: [...warnings, ...closingNotes(archive, rowsImported, slug, platform)],
    }
    if (options.dryRun) throw new DryRunDone(summary)
    return summary
  }

  try {
    return await db.transaction(tx => run(tx as Tx))
  }
  catch (error) {
    if (error instanceof DryRunDone) return error.summary
    throw error
  }
}

/** Per-table repairs of what the archive cannot hold, or should not revive as it was. */
function fixUp(name: string, rows: Record<string, unknown>[], ctx: { slug: string, warnings: string[] }): Record<string, unknown>[] {
  switch (name) {
    case 'users': {
      // Their TOTP secrets are never exported: two-factor is enrolled again at the next sign-in.
      const enrolled = rows.filter(r => r.totp_enabled_at != null).length
      if (enrolled) ctx.warnings.push(`Two-factor sign-in was reset for ${enrolled} member${enrolled > 1 ? 's' : ''} (their secrets are never exported): they enrol again after signing in.`)
      return rows.map(r => ({ ...r, totp_enabled_at: null, totp_last_step: null }))
    }
    case 'data_exports':
      // The archives themselves stay in the old deployment's storage; an export still running there never finishes here.
      return rows.map(r => ({
        ...r,
        storage_key: null,
        ...(r.status === 'queued' || r.status === 'running' ? { status: 'failed', error: 'Interrupted by a move to another deployment. Request a new export.' } : {}),
      }))
    case 'tenant_domains':
      return rows.map((r) => {
        if (r.kind === 'subdomain') return { ...r, hostname: ctx.slug }
        // A fresh challenge: the old one is never exported, and an unverified domain needs one.
        if (!r.verified_at) ctx.warnings.push(`Custom domain ${String(r.hostname)} is not verified yet: it has a new verification token (Settings → Domains shows the TXT record to set).`)
        else ctx.warnings.push(`Custom domain ${String(r.hostname)} stays verified: point its DNS at this deployment (and add it to the hosting provider, e.g. Vercel, if you use one).`)
        return { ...r, verification_token: `atrium-verify-${randomBytes(16).toString('hex')}` }
      })
    default:
      return rows
  }
}

/** What members and admins must do next: passwords, invitations, unknown features. */
function closingNotes(archive: ExportArchive, imported: Record<string, number>, slug: string, platform: string): string[] {
  const notes: string[] = []
  if (imported.users) {
    const users = archive.json<{ status: string }[]>('json/users.json')
    const active = users.filter(u => u.status === 'active').length
    const invited = users.filter(u => u.status === 'invited').length
    if (active) notes.push(`${active} member${active > 1 ? 's' : ''} came back without a password (passwords are never exported): each uses "Forgot password?" at ${slug}.${platform}/login, or an admin invites them again.`)
    if (invited) notes.push(`${invited} pending invitation${invited > 1 ? 's' : ''} must be sent again (Settings → Members): the old links do not work here.`)
  }
  if (imported.tenant_feature_overrides) {
    const overrides = archive.json<{ feature_key: string }[]>('json/tenant_feature_overrides.json')
    const unknown = overrides.map(o => o.feature_key).filter(k => !(FEATURE_KEYS as string[]).includes(k))
    if (unknown.length) notes.push(`Feature overrides for features this version does not know were kept but do nothing: ${unknown.join(', ')}.`)
  }
  // Uploaded brand files live in the blob store under the tenant's id, which the import keeps.
  const uploads = Object.values(archive.workspace.theme).filter(v => typeof v === 'string' && v.startsWith('/assets/brand/'))
  if (uploads.length) notes.push(`The theme uses uploaded files (${uploads.join(', ')}), which are not in the archive: copy the blob store's entries brand:${archive.manifest.tenant.id}:* from the old deployment (the tenant id is kept, so the paths stay valid), or upload them again.`)
  return notes
}
