import { and, asc, eq, sql } from 'drizzle-orm'
import { customFields } from '#drizzle/schema'
import type { RecordType } from '#shared/records'
import { RECORDS } from '#shared/records'
import type { CustomFieldDef } from '#shared/schemas/records'
import type { TenantScope } from '#server/utils/tenant-db'
import { RECORD_TABLES } from './registry'

type Issue = { path: string, message: string }

/** The tenant's custom fields, of one record type or of all, in their order. */
export async function listCustomFields(scope: TenantScope, recordType?: RecordType): Promise<CustomFieldDef[]> {
  const rows = await scope.tx.select().from(customFields)
    .where(scope.where(customFields, recordType ? eq(customFields.recordType, recordType) : undefined))
    .orderBy(asc(customFields.recordType), asc(customFields.position), asc(customFields.label))
  return rows.map(r => ({ id: r.id, recordType: r.recordType as RecordType, key: r.key, label: r.label, type: r.type, options: r.options, required: r.required, position: r.position }))
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** Why one value does not fit its field, or null when it does (null and '' clear a field). */
export function customValueProblem(def: CustomFieldDef, value: unknown): string | null {
  if (value === null || value === '') return def.required ? 'is required' : null
  switch (def.type) {
    case 'number': return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number'
    case 'date': return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value)) ? null : 'must be a date (YYYY-MM-DD)'
    case 'select': return typeof value === 'string' && def.options.includes(value) ? null : `must be one of ${def.options.join(', ')}`
    default: return typeof value === 'string' ? null : 'must be text'
  }
}

/**
 * Checks custom values against the type's definitions: unknown keys, wrong types, and on create
 * required fields left out are refused (400 naming `custom.<key>`). Returns the values to store.
 */
export function checkCustomValues(defs: CustomFieldDef[], values: Record<string, unknown> | undefined, creating: boolean): Record<string, string | number | null> {
  const issues: Issue[] = []
  const byKey = new Map(defs.map(d => [d.key, d]))
  const out: Record<string, string | number | null> = {}
  for (const [key, value] of Object.entries(values ?? {})) {
    const def = byKey.get(key)
    if (!def) {
      issues.push({ path: `custom.${key}`, message: 'is not a field of this record type' })
      continue
    }
    const problem = customValueProblem(def, value)
    if (problem) issues.push({ path: `custom.${key}`, message: problem })
    else out[key] = value === '' ? null : value as string | number | null
  }
  if (creating) {
    for (const def of defs) {
      if (def.required && (out[def.key] === undefined || out[def.key] === null) && !issues.some(i => i.path === `custom.${def.key}`)) {
        issues.push({ path: `custom.${def.key}`, message: 'is required' })
      }
    }
  }
  if (issues.length) throw apiError(400, 'VALIDATION_FAILED', `Invalid body: ${issues[0]!.path} ${issues[0]!.message}`, issues)
  return out
}

const keyFrom = (label: string) => {
  const key = label.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40)
  return /^[a-z]/.test(key) && key.length >= 2 ? key : `field_${key}`.slice(0, 40)
}

async function fieldById(scope: TenantScope, id: string) {
  const [row] = await scope.tx.select().from(customFields).where(scope.where(customFields, eq(customFields.id, id))).limit(1)
  if (!row) throw notFound('No such field')
  return row
}

export async function createCustomField(scope: TenantScope, input: { recordType: RecordType, key?: string, label: string, type: CustomFieldDef['type'], options: string[], required: boolean }) {
  const key = input.key ?? keyFrom(input.label)
  if (key in RECORDS[input.recordType].fields) {
    throw apiError(409, 'CONFLICT', `"${key}" is a built-in field of ${RECORDS[input.recordType].label.toLowerCase()}`, [{ path: 'key', message: 'is a built-in field' }])
  }
  const [taken] = await scope.tx.select({ id: customFields.id }).from(customFields)
    .where(scope.where(customFields, eq(customFields.recordType, input.recordType), eq(customFields.key, key))).limit(1)
  if (taken) throw apiError(409, 'CONFLICT', `A field with the key "${key}" exists for ${RECORDS[input.recordType].label.toLowerCase()}`, [{ path: 'key', message: 'is taken' }])
  const [{ n }] = await scope.tx.select({ n: sql<number>`count(*)::int` }).from(customFields)
    .where(scope.where(customFields, eq(customFields.recordType, input.recordType))) as [{ n: number }]
  if (n >= 50) throw apiError(409, 'CONFLICT', 'A record type has at most 50 custom fields')
  const [row] = await scope.tx.insert(customFields).values(scope.values(customFields, [{
    recordType: input.recordType, key, label: input.label, type: input.type,
    options: input.type === 'select' ? input.options : [], required: input.required, position: n,
  }])).returning()
  await scope.audit({ action: 'custom_field.created', entityType: 'custom_field', entityId: row!.id, after: { recordType: input.recordType, key, label: input.label, type: input.type, options: row!.options, required: input.required } })
  return row!
}

export async function updateCustomField(scope: TenantScope, id: string, patch: { label?: string, options?: string[], required?: boolean, position?: number }) {
  const before = await fieldById(scope, id)
  if (patch.options && before.type !== 'select') throw apiError(400, 'VALIDATION_FAILED', 'Invalid body: options only apply to select fields', [{ path: 'options', message: 'only apply to select fields' }])
  if (patch.options && patch.options.length === 0) throw apiError(400, 'VALIDATION_FAILED', 'Invalid body: options a select field needs options', [{ path: 'options', message: 'a select field needs options' }])
  const [after] = await scope.tx.update(customFields).set(patch).where(scope.where(customFields, eq(customFields.id, id))).returning()
  await scope.audit({ action: 'custom_field.updated', entityType: 'custom_field', entityId: id, before: { label: before.label, options: before.options, required: before.required, position: before.position }, after: patch })
  return after!
}

/** Deletes a definition and removes its values from every record of the type. */
export async function deleteCustomField(scope: TenantScope, id: string) {
  const before = await fieldById(scope, id)
  const table = RECORD_TABLES[before.recordType as RecordType]
  await scope.tx.update(table).set({ custom: sql`${table.custom} - ${before.key}::text` })
    .where(and(scope.where(table), sql`${table.custom} ? ${before.key}::text`))
  await scope.tx.delete(customFields).where(scope.where(customFields, eq(customFields.id, id)))
  await scope.audit({ action: 'custom_field.deleted', entityType: 'custom_field', entityId: id, before: { recordType: before.recordType, key: before.key, label: before.label } })
}
