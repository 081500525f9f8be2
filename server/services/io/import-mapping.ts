import type { FieldDef, RecordType } from '#shared/records'
import { RECORDS } from '#shared/records'
import type { ImportTarget } from '#shared/schemas/io'
import type { CustomFieldDef } from '#shared/schemas/records'
import { recordCreateSchemas } from '#shared/schemas/records'

/** Case, spaces, dashes, dots and underscores do not matter when a header is matched to a field. */
export const normaliseHeader = (s: string) => s.toLowerCase().replace(/[\s_.-]+/g, '')

/** The fields a column may fill for a type: the writable catalogue fields (required first marked) and the custom fields. */
export function importTargets(type: RecordType, defs: CustomFieldDef[]): ImportTarget[] {
  const fields = RECORDS[type].fields as Record<string, FieldDef>
  const shape = recordCreateSchemas[type].shape as Record<string, { safeParse: (v: unknown) => { success: boolean } }>
  const own = Object.entries(fields)
    .filter(([key, f]) => !f.readOnly && key in shape)
    .map(([key, f]) => ({ key, label: f.kind === 'user' ? RECORDS[type].ownerLabel : f.label, required: !shape[key]!.safeParse(undefined).success }))
  return [...own, ...defs.map(d => ({ key: `custom.${d.key}`, label: d.label, required: d.required }))]
}

/** The likely field of each header: by label or key (the export's headers map back to their fields). */
export function suggestMapping(headers: string[], targets: ImportTarget[]): Record<string, string | null> {
  const byName = new Map<string, string>()
  for (const t of targets) {
    for (const name of [t.key, t.label, t.key.replace(/^custom\./, '')]) {
      if (!byName.has(normaliseHeader(name))) byName.set(normaliseHeader(name), t.key)
    }
  }
  for (const alias of ['owner', 'owneremail', 'assignee', 'assigneeemail']) {
    if (!byName.has(alias) && targets.some(t => t.key === 'ownerId')) byName.set(alias, 'ownerId')
  }
  const used = new Set<string>()
  const out: Record<string, string | null> = {}
  for (const h of headers) {
    const key = byName.get(normaliseHeader(h)) ?? null
    out[h] = key && !used.has(key) ? key : null
    if (key) used.add(key)
  }
  return out
}

/**
 * Checks a mapping against the file and the fields, before any row is read: every header must
 * be in the file, every target a field, no field filled twice, every required field mapped.
 * 400 naming what is wrong (missing required columns by label and key).
 */
export function checkMapping(mapping: Record<string, string | null>, headers: string[], targets: ImportTarget[]): void {
  const byKey = new Map(targets.map(t => [t.key, t]))
  const unknownHeader = Object.keys(mapping).find(h => !headers.includes(h))
  if (unknownHeader !== undefined) throw apiError(400, 'VALIDATION_FAILED', `The mapping names a column the file does not have: "${unknownHeader}"`, [{ path: `mapping.${unknownHeader}`, message: 'is not a column of the file' }])
  const seen = new Map<string, string>()
  for (const [header, key] of Object.entries(mapping)) {
    if (key === null) continue
    if (!byKey.has(key)) throw apiError(400, 'VALIDATION_FAILED', `"${header}" is mapped to "${key}", which is not a field you can import`, [{ path: `mapping.${header}`, message: 'is not an importable field' }])
    if (seen.has(key)) throw apiError(400, 'VALIDATION_FAILED', `"${seen.get(key)}" and "${header}" both fill ${byKey.get(key)!.label}`, [{ path: `mapping.${header}`, message: 'fills a field another column fills' }])
    seen.set(key, header)
  }
  const missing = targets.filter(t => t.required && !seen.has(t.key))
  if (missing.length) {
    throw apiError(400, 'VALIDATION_FAILED', `Missing required columns: ${missing.map(t => `${t.label} (${t.key})`).join(', ')}`,
      missing.map(t => ({ path: t.key, message: 'is required: map a column to it' })))
  }
}
