import { createFormatters } from '#shared/format'
import { numberFormat } from '#shared/intl'
import type { RecordRow } from '#shared/schemas/records'
import { DEFAULT_PREFERENCES } from '#shared/schemas/workspace'

/**
 * A record field's value as text, in the workspace's locale, currency and time zone. Calendar
 * days (expected close, custom dates) are days, not moments: they are printed in UTC so no zone
 * moves them. Server and browser use the same settings, so the text hydrates unchanged.
 */
export function useRecordFormat() {
  const tenant = useTenant()
  const display = useDisplayFormat()
  const prefs = computed(() => tenant.value?.preferences ?? DEFAULT_PREFERENCES)
  const days = computed(() => createFormatters({ ...prefs.value, timeZone: 'UTC' }))
  const numbers = computed(() => numberFormat(prefs.value.locale))

  function text(field: RecordField, row: RecordRow): string {
    const value = fieldValue(row, field)
    if (value === null || value === undefined || value === '') return ''
    switch (field.kind) {
      case 'money': return display.money(Number(value), (row.currency as string | undefined) ?? prefs.value.currency)
      case 'number': return numbers.value.format(Number(value))
      case 'date': return days.value.date(`${String(value).slice(0, 10)}T00:00:00Z`)
      case 'datetime': return display.date(String(value))
      case 'enum': return optionLabel(String(value))
      case 'user': return row.owner?.name ?? ''
      case 'ref': return row.refs?.[field.key]?.title ?? ''
      default: return String(value)
    }
  }

  return { text, ...display, number: (n: number) => numbers.value.format(n) }
}
