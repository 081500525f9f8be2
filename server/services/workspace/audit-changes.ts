import type { AuditChange } from '#shared/schemas/audit'
import { RECORD_TYPES, RECORDS } from '#shared/records'
import type { FieldDef, RecordType } from '#shared/records'

// An audit entry's before/after as the log shows it: field by field, with the record field's label
// where the entity is a record, and secrets hidden. The services write no secrets on purpose (SSO
// writes `secretChanged`, never the secret), so this is the second line: any key that names one
// (password, secret, token, hash, private key, …) is sent without its values, at any depth.

const SECRET = /pass(word|phrase)?|secret|token|hash|otp|recovery|private|credential|cookie|authorization|^key$|api_?key$/i
const HIDDEN = '[hidden]'

type Plain = Record<string, unknown>
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v)
/** A secret unless it is a yes/no flag about one (`secretChanged`). */
const secret = (key: string, value: unknown) => SECRET.test(key) && typeof value !== 'boolean'

/** `value` with every secret key's value replaced, at any depth. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact)
  if (!isPlain(value)) return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, secret(k, v) ? HIDDEN : redact(v)]))
}

const ACRONYMS = new Set(['api', 'id', 'ip', 'mfa', 'sso', 'url'])
/** "jobTitle" / "job_title" → "Job title", "ip_ranges" → "IP ranges". */
const humanize = (key: string) => {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_.-]+/g, ' ').trim().toLowerCase().split(' ')
    .map(w => ACRONYMS.has(w) ? w.toUpperCase() : w).join(' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function fieldOf(entityType: string | null, key: string): { label: string, kind?: string } {
  if (entityType && (RECORD_TYPES as readonly string[]).includes(entityType)) {
    const def = (RECORDS[entityType as RecordType].fields as Record<string, FieldDef | undefined>)[key]
    if (def) return { label: def.label, kind: def.kind }
  }
  return { label: humanize(key) }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * The fields an entry records, in the order written: both sides for a change, one side for a
 * creation or a removal (`before`/`after` absent there). Fields equal on both sides are left out,
 * and so is a created record's own id (the entry names it already).
 */
export function auditChanges(before: unknown, after: unknown, entityType: string | null, entityId: string | null = null): AuditChange[] {
  if (before === null && after === null) return []
  if ((before !== null && !isPlain(before)) || (after !== null && !isPlain(after))) {
    return [{ field: '', label: 'Value', ...(before !== null ? { before: redact(before) } : {}), ...(after !== null ? { after: redact(after) } : {}) }]
  }
  const b = before as Plain | null
  const a = after as Plain | null
  const keys = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])]
  const changes: AuditChange[] = []
  for (const key of keys) {
    const hasBefore = !!b && key in b
    const hasAfter = !!a && key in a
    if (hasBefore && hasAfter && same(b[key], a[key])) continue
    if (key === 'id' && entityId !== null && (a?.[key] ?? b?.[key]) === entityId) continue
    const change: AuditChange = { field: key, ...fieldOf(entityType, key) }
    if (secret(key, hasAfter ? a[key] : b![key])) change.hidden = true
    else {
      if (hasBefore) change.before = redact(b[key])
      if (hasAfter) change.after = redact(a[key])
    }
    changes.push(change)
  }
  return changes
}
