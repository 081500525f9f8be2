/**
 * Dates and times as pages show them. Server and browser must print the same text or hydration
 * breaks, so the locale and time zone are fixed (English, UTC) until the workspace's own locale
 * and time zone settings arrive; "now" is taken once on the server and reused by the browser.
 */
export function useDisplayFormat() {
  const now = useState('display-now', () => Date.now())
  const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })
  const calendarDate = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' })
  const day = new Intl.DateTimeFormat('en', { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' })
  const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' })
  // Hydrate with the server's "now", then move to the browser's (an update, not a mismatch).
  onMounted(() => {
    now.value = Date.now()
  })

  function ago(iso: string | null): string {
    if (!iso) return 'Never'
    const minutes = Math.round((new Date(iso).getTime() - now.value) / 60_000)
    if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute')
    if (Math.abs(minutes) < 60 * 24) return relative.format(Math.round(minutes / 60), 'hour')
    return relative.format(Math.round(minutes / 1440), 'day')
  }

  return {
    /** "Nov 23, 2026, 5:17 PM" (UTC). */
    dateTime: (iso: string) => `${dateTime.format(new Date(iso))} UTC`,
    /** "Nov 23, 2026" for a moment (its UTC day). */
    date: (iso: string) => calendarDate.format(new Date(iso)),
    /** "Mon, Nov 23" for an ISO day. */
    day: (isoDay: string) => day.format(new Date(`${isoDay}T00:00:00Z`)),
    /** "5 minutes ago", against the moment the page was rendered. */
    ago,
  }
}
