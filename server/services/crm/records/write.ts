import { createError } from 'h3'
import { eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import { users } from '#drizzle/schema'
import type { FieldDef, RecordType } from '#shared/records'
import { RECORD_TYPES, RECORDS } from '#shared/records'
import { recordEventKey } from '#shared/events'
import type { RecordBulk, RecordRow } from '#shared/schemas/records'
import type { TenantScope } from '#server/utils/tenant-db'
import type { ActivityInput } from './activities'
import { addActivities } from './activities'
import { tellNewOwners } from './assignments'
import { assertRecordsAvailable } from './count'
import { checkCustomValues, listCustomFields } from './custom-fields'
import { findRecord, presentRows } from './read'
import type { HookContext, Row } from './registry'
import { RECORD_TABLES } from './registry'
import { RECORD_HOOKS } from './hooks'
import type { RecordActor } from './visibility'
import { visibleTo } from './visibility'

type Values = Record<string, unknown>
type Issue = { path: string, message: string }

const invalid = (issues: Issue[]) => apiError(400, 'VALIDATION_FAILED', `Invalid body: ${issues[0]!.path} ${issues[0]!.message}`, issues)

/** Date-and-time fields arrive as ISO strings; timestamp columns take Dates. */
function withDates(type: RecordType, values: Values): Values {
  const fields = RECORDS[type].fields as Record<string, FieldDef>
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string' && fields[key]?.kind === 'datetime') values[key] = new Date(value)
  }
  return values
}

/** Reference fields must name a live record of this tenant that the actor may see; an owner must be one of its members. */
async function checkReferences(scope: TenantScope, actor: RecordActor, type: RecordType, values: Values): Promise<void> {
  const issues: Issue[] = []
  const fields = RECORDS[type].fields as Record<string, FieldDef>
  for (const [key, f] of Object.entries(fields)) {
    const id = values[key]
    if (typeof id !== 'string') continue
    if (f.kind === 'user') {
      const [u] = await scope.tx.select({ id: users.id }).from(users).where(scope.where(users, eq(users.id, id), inArray(users.status, ['active', 'invited']))).limit(1)
      if (!u) issues.push({ path: key, message: 'is not a member of this workspace' })
    }
    else if (f.kind === 'ref' && (RECORD_TYPES as readonly string[]).includes(f.ref!)) {
      const table = RECORD_TABLES[f.ref as RecordType]
      const [r] = await scope.tx.select({ id: table.id }).from(table).where(scope.where(table, eq(table.id, id), isNull(table.deletedAt), visibleTo(scope, actor, table.ownerId))).limit(1)
      if (!r) issues.push({ path: key, message: `is not ${RECORDS[f.ref as RecordType].singular.toLowerCase() === 'account' ? 'an account' : `a ${RECORDS[f.ref as RecordType].singular.toLowerCase()}`} of this workspace` })
    }
  }
  if (type === 'tasks' && typeof values.relatedType === 'string' && typeof values.relatedId === 'string') {
    const table = RECORD_TABLES[values.relatedType as RecordType]
    const [r] = await scope.tx.select({ id: table.id }).from(table).where(scope.where(table, eq(table.id, values.relatedId), isNull(table.deletedAt), visibleTo(scope, actor, table.ownerId))).limit(1)
    if (!r) issues.push({ path: 'relatedId', message: 'is not a record of this workspace' })
  }
  if (issues.length) throw invalid(issues)
}

/** Timeline entries the engine writes by itself: status and owner changes. */
function automaticEntries(type: RecordType, id: string, before: Row, after: Row, actorId: string): ActivityInput[] {
  const out: ActivityInput[] = []
  if ('status' in after && before.status !== after.status) out.push({ recordType: type, recordId: id, kind: 'status_change', meta: { from: before.status, to: after.status }, actorId })
  if (before.ownerId !== after.ownerId) out.push({ recordType: type, recordId: id, kind: 'assigned', meta: { from: before.ownerId, to: after.ownerId }, actorId })
  return out
}

/** The fields an audit entry keeps of a record: its columns without bookkeeping. */
function auditable(row: Values): Values {
  const { tenantId: _t, createdAt: _c, updatedAt: _u, version: _v, deletedAt: _d, createdBy: _b, ...rest } = row
  return rest
}

function changed(before: Values, after: Values): { before: Values, after: Values } {
  const b: Values = {}
  const a: Values = {}
  for (const key of Object.keys(auditable(after))) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key]
      a[key] = after[key]
    }
  }
  return { before: b, after: a }
}

/** Creates a record; `audit: false` lets a caller that creates several (lead conversion) write one entry for all. */
export async function createRecord(scope: TenantScope, actor: RecordActor, type: RecordType, input: Values, opts: { audit?: boolean } = {}): Promise<RecordRow> {
  const table = RECORD_TABLES[type]
  const ctx: HookContext = { scope, actor }
  const defs = await listCustomFields(scope, type)
  const values: Values = withDates(type, { ...input, custom: checkCustomValues(defs, input.custom as Values | undefined, true) })
  if (values.ownerId === undefined) values.ownerId = actor.userId
  await checkReferences(scope, actor, type, values)
  await RECORD_HOOKS[type].beforeCreate?.(ctx, values)
  await assertRecordsAvailable(scope, 1)
  const [row] = await scope.tx.insert(table).values(scope.values(table, [{ ...values, createdBy: actor.userId }])).returning() as Row[]
  await addActivities(scope, [{ recordType: type, recordId: row!.id, kind: 'created', actorId: actor.userId }])
  await RECORD_HOOKS[type].afterWrite?.(ctx, null, row!)
  if (opts.audit !== false) await scope.audit({ action: `${type}.created`, entityType: type, entityId: row!.id, after: auditable(row!) })
  const [record] = await presentRows(scope, actor, type, [row!])
  await scope.emit(`${recordEventKey(type)}.created`, { recordType: type, record })
  await tellNewOwners(scope, actor, type, [{ ownerBefore: null, record: record! }])
  return record!
}

/** The 409 a stale edit gets: what the record holds now, so the form can offer to reload. */
async function stale(scope: TenantScope, actor: RecordActor, type: RecordType, current: Row) {
  const [present] = await presentRows(scope, actor, type, [current])
  return createError({
    statusCode: 409,
    statusMessage: 'Someone else changed this record after you opened it',
    message: 'Someone else changed this record after you opened it',
    data: { code: 'STALE', current: present },
  })
}

export async function updateRecord(scope: TenantScope, actor: RecordActor, type: RecordType, id: string, input: Values & { version: number }): Promise<RecordRow> {
  const table = RECORD_TABLES[type]
  const ctx: HookContext = { scope, actor }
  const before = await findRecord(scope, actor, type, id, { lock: true })
  const { version, ...patch } = input
  withDates(type, patch)
  if (before.version !== version) throw await stale(scope, actor, type, before)
  if (patch.custom !== undefined) {
    const checked = checkCustomValues(await listCustomFields(scope, type), patch.custom as Values, false)
    patch.custom = { ...before.custom, ...checked }
  }
  await checkReferences(scope, actor, type, patch)
  await RECORD_HOOKS[type].beforeUpdate?.(ctx, before, patch)
  const [after] = await scope.tx.update(table).set({ ...patch, version: sql`${table.version} + 1` })
    .where(scope.where(table, eq(table.id, id), eq(table.version, version))).returning() as Row[]
  if (!after) throw await stale(scope, actor, type, await findRecord(scope, actor, type, id))
  await addActivities(scope, automaticEntries(type, id, before, after, actor.userId))
  await RECORD_HOOKS[type].afterWrite?.(ctx, before, after)
  const diff = changed(before, after)
  await scope.audit({ action: `${type}.updated`, entityType: type, entityId: id, ...diff })
  const [record] = await presentRows(scope, actor, type, [after])
  await scope.emit(`${recordEventKey(type)}.updated`, { recordType: type, record, changed: Object.keys(diff.after) })
  if (type === 'deals' && before.stageId !== after.stageId) {
    await scope.emit('deal.stage_changed', { recordType: 'deals', record, fromStageId: (before.stageId as string | null) ?? null, toStageId: after.stageId })
  }
  await tellNewOwners(scope, actor, type, [{ ownerBefore: before.ownerId, record: record! }])
  return record!
}

/** Soft delete: the record leaves lists and search at once and can be restored (undo). */
export async function deleteRecord(scope: TenantScope, actor: RecordActor, type: RecordType, id: string): Promise<{ id: string, deleted: true }> {
  const table = RECORD_TABLES[type]
  await findRecord(scope, actor, type, id)
  await scope.tx.update(table).set({ deletedAt: new Date(), version: sql`${table.version} + 1` }).where(scope.where(table, eq(table.id, id)))
  await scope.audit({ action: `${type}.deleted`, entityType: type, entityId: id })
  await scope.emit(`${recordEventKey(type)}.deleted`, { recordType: type, id })
  return { id, deleted: true }
}

export async function restoreRecord(scope: TenantScope, actor: RecordActor, type: RecordType, id: string): Promise<RecordRow> {
  const table = RECORD_TABLES[type]
  await findRecord(scope, actor, type, id, { deleted: true })
  await assertRecordsAvailable(scope, 1)
  const [row] = await scope.tx.update(table).set({ deletedAt: null, version: sql`${table.version} + 1` }).where(scope.where(table, eq(table.id, id))).returning() as Row[]
  await scope.audit({ action: `${type}.restored`, entityType: type, entityId: id })
  const [record] = await presentRows(scope, actor, type, [row!])
  await scope.emit(`${recordEventKey(type)}.restored`, { recordType: type, record })
  return record!
}

/**
 * One action on many records, all or nothing: ids the actor cannot see (or of another tenant)
 * make the whole request a 404 naming how many, so nobody half-applies a selection.
 */
export async function bulkRecords(scope: TenantScope, actor: RecordActor, type: RecordType, input: RecordBulk): Promise<{ action: string, ids: string[] }> {
  const table = RECORD_TABLES[type]
  const ids = [...new Set(input.ids)]
  const deletedState = input.action === 'restore' ? isNotNull(table.deletedAt) : isNull(table.deletedAt)
  const found = await scope.tx.select().from(table)
    .where(scope.where(table, inArray(table.id, ids), deletedState, visibleTo(scope, actor, table.ownerId))).for('update') as Row[]
  if (found.length !== ids.length) {
    throw apiError(404, 'NOT_FOUND', `${ids.length - found.length} of the ${ids.length} records are not there (deleted, not visible to you, or never existed); nothing was changed`)
  }
  let set: Values
  switch (input.action) {
    case 'assign':
      await checkReferences(scope, actor, type, { ownerId: input.ownerId })
      set = { ownerId: input.ownerId }
      break
    case 'status': {
      const statusField = (RECORDS[type].fields as Record<string, FieldDef>).status
      if (!statusField || type === 'deals') throw invalid([{ path: 'status', message: type === 'deals' ? 'deals change status through their stage' : 'this record type has no status' }])
      if (!statusField.options!.includes(input.status) || (type === 'leads' && input.status === 'converted')) throw invalid([{ path: 'status', message: `must be one of ${statusField.options!.filter(o => !(type === 'leads' && o === 'converted')).join(', ')}` }])
      set = { status: input.status }
      break
    }
    case 'delete':
      set = { deletedAt: new Date() }
      break
    case 'restore':
      await assertRecordsAvailable(scope, ids.length)
      set = { deletedAt: null }
      break
  }
  const ctx: HookContext = { scope, actor }
  const hooks = RECORD_HOOKS[type]
  let after: Row[]
  if (input.action === 'delete' || input.action === 'restore') {
    after = await scope.tx.update(table).set({ ...set, version: sql`${table.version} + 1` })
      .where(scope.where(table, inArray(table.id, ids))).returning() as Row[]
  }
  else {
    // Hooks may complete each record's change (a resolved ticket's time, a done task's), so row by row.
    after = []
    for (const row of found) {
      const patch = { ...set }
      await hooks.beforeUpdate?.(ctx, row, patch)
      const [updated] = await scope.tx.update(table).set({ ...patch, version: sql`${table.version} + 1` })
        .where(scope.where(table, eq(table.id, row.id))).returning() as Row[]
      after.push(updated!)
      await hooks.afterWrite?.(ctx, row, updated!)
    }
  }
  const byId = new Map(found.map(r => [r.id, r]))
  await addActivities(scope, after.flatMap(a => automaticEntries(type, a.id, byId.get(a.id)!, a, actor.userId)))
  await scope.audit({ action: `${type}.bulk_${input.action}`, entityType: type, after: { ids, ...('ownerId' in input ? { ownerId: input.ownerId } : {}), ...('status' in input ? { status: input.status } : {}) } })
  // One event per record, as if each had been changed on its own.
  const key = recordEventKey(type)
  if (input.action === 'delete') {
    await scope.emit(`${key}.deleted`, ...ids.map(id => ({ recordType: type, id })))
  }
  else {
    const records = await presentRows(scope, actor, type, after)
    if (input.action === 'restore') await scope.emit(`${key}.restored`, ...records.map(record => ({ recordType: type, record })))
    else await scope.emit(`${key}.updated`, ...records.map(record => ({ recordType: type, record, changed: Object.keys(changed(byId.get(record.id)!, after.find(a => a.id === record.id)!).after) })))
    if (input.action === 'assign') await tellNewOwners(scope, actor, type, records.map(record => ({ ownerBefore: byId.get(record.id)!.ownerId, record })))
  }
  return { action: input.action, ids }
}

/** Many records are inserted this many per statement (well under PostgreSQL's 65,535 parameters). */
const INSERT_CHUNK = 1000

/**
 * A create body made ready to insert, as `createRecord` does it one at a time: custom values
 * checked, dates as Dates, the actor as default owner, references checked (unless the caller
 * has resolved them itself, as the importer does in bulk) and the type's beforeCreate hook run.
 * Throws the same 4xx as a create would.
 */
export async function prepareRecord(scope: TenantScope, actor: RecordActor, type: RecordType, defs: Awaited<ReturnType<typeof listCustomFields>>, input: Values, opts: { referencesChecked?: boolean } = {}): Promise<Values> {
  const values: Values = withDates(type, { ...input, custom: checkCustomValues(defs, input.custom as Values | undefined, true) })
  if (values.ownerId === undefined) values.ownerId = actor.userId
  if (!opts.referencesChecked) await checkReferences(scope, actor, type, values)
  await RECORD_HOOKS[type].beforeCreate?.({ scope, actor }, values)
  return values
}

/**
 * Inserts prepared records in the caller's transaction, all or nothing (a CSV import): the plan
 * limit checked once for all of them, a `created` timeline entry each, afterWrite hooks, and
 * one audit entry with the count. Search index and analytics follow through the tables' triggers.
 */
export async function insertRecords(scope: TenantScope, actor: RecordActor, type: RecordType, prepared: Values[], audit: { action: string, after: Values }): Promise<number> {
  const table = RECORD_TABLES[type]
  await assertRecordsAvailable(scope, prepared.length)
  const hooks = RECORD_HOOKS[type]
  for (let i = 0; i < prepared.length; i += INSERT_CHUNK) {
    const chunk = prepared.slice(i, i + INSERT_CHUNK).map(values => ({ ...values, createdBy: actor.userId }))
    const rows = await scope.tx.insert(table).values(scope.values(table, chunk)).returning() as Row[]
    await addActivities(scope, rows.map(r => ({ recordType: type, recordId: r.id, kind: 'created', actorId: actor.userId })))
    if (hooks.afterWrite) for (const row of rows) await hooks.afterWrite({ scope, actor }, null, row)
  }
  await scope.audit({ action: audit.action, entityType: type, after: { ...audit.after, count: prepared.length } })
  return prepared.length
}
