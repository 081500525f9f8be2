import type { z } from 'zod'
import type { RecordType } from '#shared/records'
import { RECORDS } from '#shared/records'
import type { CustomFieldDef, RecordRow } from '#shared/schemas/records'
import { recordCreateSchemas, recordPatchSchemas } from '#shared/schemas/records'
import { DEFAULT_PREFERENCES } from '#shared/schemas/workspace'
import { decimalToMinor, minorToDecimal } from '#shared/money'

type State = Record<string, string | number | null>
export interface FormIssue { name: string, message: string }

/** An API or zod issue path as the name of the form field that shows it (`custom.tier` → `cf.tier`). */
export function issueField(path: string | readonly PropertyKey[]): string {
  const parts = typeof path === 'string' ? path.split('.') : path.map(String)
  return parts[0] === 'custom' && parts[1] ? `cf.${parts[1]}` : parts.join('.')
}

/**
 * A record form's fields and values: the editable catalogue fields (and the tenant's custom
 * fields) as form state, turned into the API body and checked with the very zod schema the
 * server parses (`recordCreateSchemas` / `recordPatchSchemas`), so both say the same thing.
 */
export function useRecordForm(type: RecordType, customDefs: Ref<CustomFieldDef[]>) {
  const tenant = useTenant()
  const { data: auth } = useAuth()
  const prefs = computed(() => tenant.value?.preferences ?? DEFAULT_PREFERENCES)
  const createSchema = recordCreateSchemas[type] as unknown as z.ZodObject<Record<string, z.ZodType>>
  const shape = createSchema.shape
  const fields = computed(() => recordFields(type, customDefs.value)
    .filter(f => !f.readOnly && (f.custom || f.key in shape))
    // Deals move between pipelines and stages through their own picker.
    .filter(f => !(type === 'deals' && (f.key === 'pipelineId' || f.key === 'currency'))))
  const required = (key: string) => !!shape[key] && !shape[key]!.safeParse(undefined).success
  const nullable = (key: string) => !!shape[key]?.safeParse(null).success

  /** Form values of a record (or of nothing, for a new one, with `prefill` from the address). */
  function stateOf(row: RecordRow | null, prefill: Record<string, string> = {}): State {
    const s: State = {}
    for (const f of fields.value) {
      const v = row ? fieldValue(row, f) : (prefill[f.key] ?? null)
      if (f.kind === 'money') s[f.key] = v === null || v === '' ? '' : minorToDecimal(Number(v), String(row?.currency ?? prefs.value.currency))
      else if (f.kind === 'datetime') s[f.key] = v ? isoToZonedLocal(String(v), prefs.value.timeZone) : ''
      else if (f.kind === 'number') s[f.key] = v === null || v === '' ? '' : Number(v)
      else if (['enum', 'ref', 'user'].includes(f.kind)) s[f.key] = (v as string | null) ?? null
      else s[f.key] = v === null ? '' : String(v)
    }
    if (type === 'deals') {
      s.currency = (row?.currency as string | undefined) ?? prefill.currency ?? prefs.value.currency
      s.pipelineId = (row?.pipelineId as string | undefined) ?? null
    }
    if (!row && !('ownerId' in prefill) && 'ownerId' in s) s.ownerId = auth.value?.id ?? null
    return s
  }

  /** The API body of form values: typed values, empty optional fields left out (create) or null. */
  function bodyOf(s: State, creating: boolean): Record<string, unknown> {
    const body: Record<string, unknown> = {}
    const custom: Record<string, unknown> = {}
    for (const f of fields.value) {
      const raw = s[f.key]
      const empty = raw === null || raw === undefined || raw === ''
      let value: unknown
      if (empty) value = f.custom ? null : required(f.key) && f.kind !== 'ref' ? '' : nullable(f.key) ? null : undefined
      else if (f.kind === 'money') value = decimalToMinor(Number(raw), String(s.currency ?? prefs.value.currency))
      else if (f.kind === 'number') value = Number(raw)
      else if (f.kind === 'datetime') value = zonedToIso(String(raw), prefs.value.timeZone)
      else value = raw
      if (f.custom) {
        if (!(creating && value === null)) custom[f.custom.key] = value
      }
      else if (value !== undefined && !(creating && value === null)) body[f.key] = value
    }
    if (type === 'deals') {
      if (s.currency) body.currency = s.currency
      if (s.pipelineId) body.pipelineId = s.pipelineId
    }
    if (Object.keys(custom).length) body.custom = custom
    return body
  }

  /** What an edit sends: the fields that changed since `before`, and the version it read. */
  function patchOf(before: State, now: State, version: number): Record<string, unknown> {
    const a = bodyOf(before, false)
    const b = bodyOf(now, false)
    const patch: Record<string, unknown> = { version }
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (key === 'custom') continue
      if (JSON.stringify(a[key] ?? null) !== JSON.stringify(b[key] ?? null)) patch[key] = b[key] ?? null
    }
    // A stage of another pipeline goes with its pipeline.
    if (type === 'deals' && ('stageId' in patch || 'pipelineId' in patch)) {
      patch.stageId = b.stageId
      patch.pipelineId = b.pipelineId
    }
    const ca = (a.custom ?? {}) as Record<string, unknown>
    const cb = (b.custom ?? {}) as Record<string, unknown>
    const custom: Record<string, unknown> = {}
    for (const key of new Set([...Object.keys(ca), ...Object.keys(cb)])) {
      if (JSON.stringify(ca[key] ?? null) !== JSON.stringify(cb[key] ?? null)) custom[key] = cb[key] ?? null
    }
    if (Object.keys(custom).length) patch.custom = custom
    return patch
  }

  /** The schema's verdict on a body, as messages on fields (plus custom fields' own rules). */
  function check(body: Record<string, unknown>, creating: boolean): FormIssue[] {
    const schema = creating ? recordCreateSchemas[type] : recordPatchSchemas[type]
    const parsed = (schema as z.ZodType).safeParse(body)
    const issues: FormIssue[] = parsed.success ? [] : parsed.error.issues.map(i => ({ name: issueField(i.path), message: fieldMessage(i.message) }))
    const custom = (body.custom ?? {}) as Record<string, unknown>
    for (const d of customDefs.value) {
      const v = custom[d.key]
      if (creating && d.required && (v === undefined || v === null || v === '')) issues.push({ name: `cf.${d.key}`, message: 'Is required' })
      if (d.type === 'number' && v !== undefined && v !== null && !Number.isFinite(v)) issues.push({ name: `cf.${d.key}`, message: 'Must be a number' })
    }
    return issues
  }

  return { fields, required, nullable, stateOf, bodyOf, patchOf, check, def: RECORDS[type] }
}
