import type { FieldDef, FieldKind, RecordType } from '#shared/records'
import { dateTimeFormat } from '#shared/intl'
import { RECORDS } from '#shared/records'
import type { CustomFieldDef, RecordRow } from '#shared/schemas/records'

/**
 * One field of a record type as lists, filters and forms use it: a catalogue field (`name`) or a
 * tenant's custom field (`cf.tier`, its value in `row.custom.tier`), in one shape.
 */
export interface RecordField {
  key: string
  label: string
  kind: FieldKind
  options?: readonly string[]
  ref?: FieldDef['ref']
  sortable: boolean
  filter?: 'eq' | 'range'
  column: boolean
  readOnly: boolean
  custom: CustomFieldDef | null
}

const CUSTOM_KIND: Record<CustomFieldDef['type'], FieldKind> = { text: 'text', number: 'number', date: 'date', select: 'enum' }

/** The catalogue's fields of a type followed by the tenant's custom fields, in order. */
export function recordFields(type: RecordType, customDefs: CustomFieldDef[] = []): RecordField[] {
  const fields = RECORDS[type].fields as Record<string, FieldDef>
  const own = Object.entries(fields).map(([key, f]): RecordField => ({
    key, label: f.label, kind: f.kind, options: f.options, ref: f.ref, sortable: !!f.sortable, filter: f.filter, column: !!f.column, readOnly: !!f.readOnly, custom: null,
  }))
  const custom = customDefs.filter(d => d.recordType === type).map((d): RecordField => ({
    key: `cf.${d.key}`, label: d.label, kind: CUSTOM_KIND[d.type], options: d.options, sortable: false,
    filter: d.type === 'number' || d.type === 'date' ? 'range' : 'eq', column: false, readOnly: false, custom: d,
  }))
  return [...own, ...custom]
}

/** A field's value on a row (custom fields live in `row.custom`). */
export function fieldValue(row: RecordRow, field: Pick<RecordField, 'key' | 'custom'>): unknown {
  return field.custom ? row.custom?.[field.custom.key] ?? null : row[field.key] ?? null
}

/** "status" → "Status"; option values are shown with their first letter up and underscores as spaces. */
export function optionLabel(value: string): string {
  const text = value.replace(/_/g, ' ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** A validation message as a field shows it ("must be an email address" → "Must be an email address"). */
export function fieldMessage(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1)
}

type BadgeColor = 'neutral' | 'primary' | 'success' | 'warning' | 'error' | 'info'
const OPTION_COLORS: Record<string, BadgeColor> = {
  new: 'info', open: 'primary', contacted: 'primary', pending: 'warning', qualified: 'success', won: 'success', done: 'success',
  resolved: 'success', converted: 'success', closed: 'neutral', lost: 'error',
  low: 'neutral', normal: 'info', high: 'warning', urgent: 'error',
}

/** The badge colour of a status or priority value, the same on every page. */
export function optionColor(value: string): BadgeColor {
  return OPTION_COLORS[value] ?? 'neutral'
}

/** Where a record's page is. */
export const recordPath = (type: RecordType | string, id: string) => `/${type}/${id}`

/** The offset (minutes east of UTC) of a time zone at a moment. */
function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const parts = Object.fromEntries(dateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(at).map(p => [p.type, p.value])) as Record<string, string>
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!)
  return Math.round((asUtc - at.getTime()) / 60_000)
}

/** The moment a wall-clock time ("2026-03-01T09:30" or a bare day) happens in a time zone, as ISO. */
export function zonedToIso(local: string, timeZone: string): string {
  const wall = new Date(`${local.length === 10 ? `${local}T00:00` : local.slice(0, 16)}:00Z`)
  // Twice: the first guess can sit on the other side of a daylight-saving change.
  let at = new Date(wall.getTime() - zoneOffsetMinutes(timeZone, wall) * 60_000)
  at = new Date(wall.getTime() - zoneOffsetMinutes(timeZone, at) * 60_000)
  return at.toISOString()
}

/** An ISO moment as the wall-clock value of a `datetime-local` input in a time zone. */
export function isoToZonedLocal(iso: string, timeZone: string): string {
  const at = new Date(iso)
  const shifted = new Date(at.getTime() + zoneOffsetMinutes(timeZone, at) * 60_000)
  return shifted.toISOString().slice(0, 16)
}

/** The day after an ISO day ("2026-01-31" → "2026-02-01"). */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}
