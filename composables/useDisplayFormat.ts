import { createFormatters } from '#shared/format'
import { relativeTimeFormat } from '#shared/intl'
import { DEFAULT_PREFERENCES } from '#shared/schemas/workspace'

/**
 * Dates, times and money as pages show them, in the workspace's time zone, locale and formats
 * (General settings; the platform domain uses the defaults). Server and browser print the same
 * text because both format with the workspace's settings, never the browser's own; "now" is
 * taken once on the server and reused by the browser for relative times.
 */
export function useDisplayFormat() {
  const tenant = useTenant()
  const now = useState('display-now', () => Date.now())
  const formatters = computed(() => createFormatters(tenant.value?.preferences ?? DEFAULT_PREFERENCES))
  const relative = computed(() => relativeTimeFormat(tenant.value?.preferences?.locale ?? 'en', { numeric: 'auto' }))
  // Hydrate with the server's "now", then move to the browser's (an update, not a mismatch).
  onMounted(() => {
    now.value = Date.now()
  })

  function ago(iso: string | null): string {
    if (!iso) return 'Never'
    const minutes = Math.round((new Date(iso).getTime() - now.value) / 60_000)
    if (Math.abs(minutes) < 60) return relative.value.format(minutes, 'minute')
    if (Math.abs(minutes) < 60 * 24) return relative.value.format(Math.round(minutes / 60), 'hour')
    return relative.value.format(Math.round(minutes / 1440), 'day')
  }

  return {
    dateTime: (iso: string) => formatters.value.dateTime(iso),
    date: (iso: string) => formatters.value.date(iso),
    time: (at: Date | string) => formatters.value.time(at),
    timeWithSeconds: (at: Date | string) => formatters.value.timeWithSeconds(at),
    day: (isoDay: string) => formatters.value.day(isoDay),
    shortDay: (isoDay: string) => formatters.value.shortDay(isoDay),
    money: (minor: number, currency?: string) => formatters.value.money(minor, currency),
    number: (value: number) => formatters.value.number(value),
    ago,
  }
}
