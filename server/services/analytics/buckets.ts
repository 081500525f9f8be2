// Dates of a dashboard range in the workspace's time zone: its instants, its time buckets and the
// previous period. Pure (Intl only), so unit tests cover DST and day boundaries.

const DAY = 86_400_000

export interface DateRange { from: string, to: string }

/** Days since 1970-01-01 of a YYYY-MM-DD date (calendar arithmetic, no zone). */
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY)
const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10)

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  return dateOf(dayNumber(date) + days)
}

/** Whole days from `from` to `to`, both included. */
export function rangeDays(range: DateRange): number {
  return dayNumber(range.to) - dayNumber(range.from) + 1
}

/** The period of equal length that ends the day before `range` starts. */
export function previousRange(range: DateRange): DateRange {
  const n = rangeDays(range)
  return { from: addDays(range.from, -n), to: addDays(range.from, -1) }
}

/** Today's date in the zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** The default dashboard range: the last 30 days ending today in the zone. */
export function defaultRange(timeZone: string, now = new Date()): DateRange {
  const to = todayIn(timeZone, now)
  return { from: addDays(to, -29), to }
}

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
    formatters.set(timeZone, f)
  }
  return f
}

/** The zone's offset from UTC (ms, local minus UTC) at one instant. */
function offsetAt(timeZone: string, at: number): number {
  const p = Object.fromEntries(formatter(timeZone).formatToParts(at).map(x => [x.type, x.value])) as Record<string, string>
  const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour) % 24, Number(p.minute), Number(p.second))
  return local - Math.floor(at / 1000) * 1000
}

/** The instant the zone's clocks show `hour`:00 on `date` (DST-exact: a day may last 23 or 25 hours). */
export function localInstant(date: string, hour: number, timeZone: string): Date {
  const wall = Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`)
  const first = wall - offsetAt(timeZone, wall)
  return new Date(wall - offsetAt(timeZone, first))
}

/** The instant a local day starts in the zone. */
export function startOfDay(date: string, timeZone: string): Date {
  return localInstant(date, 0, timeZone)
}

/** The instants a range covers: from the start of its first day to the start of the day after its last. */
export function rangeInstants(range: DateRange, timeZone: string): { start: Date, end: Date } {
  return { start: startOfDay(range.from, timeZone), end: startOfDay(addDays(range.to, 1), timeZone) }
}

export type TimeUnit = 'day' | 'week' | 'month'

/** The first day of the bucket holding `date`; weeks start on `weekStartsOn` (0 = Sunday). */
export function bucketStart(date: string, unit: TimeUnit, weekStartsOn: number): string {
  if (unit === 'day') return date
  if (unit === 'month') return `${date.slice(0, 7)}-01`
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay()
  return addDays(date, -((dow - weekStartsOn + 7) % 7))
}

/** The bucket after the one starting at `start`. */
function nextBucket(start: string, unit: TimeUnit): string {
  if (unit === 'day') return addDays(start, 1)
  if (unit === 'week') return addDays(start, 7)
  const [y, m] = start.split('-').map(Number) as [number, number]
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
}

/**
 * Every bucket that meets the range, in order, each as its key (first day, or YYYY-MM for a
 * month) and the part of the range it covers (for drill-down links).
 */
export function bucketsOf(range: DateRange, unit: TimeUnit, weekStartsOn: number): { key: string, from: string, to: string }[] {
  const out: { key: string, from: string, to: string }[] = []
  for (let start = bucketStart(range.from, unit, weekStartsOn); start <= range.to; start = nextBucket(start, unit)) {
    const last = addDays(nextBucket(start, unit), -1)
    out.push({
      key: unit === 'month' ? start.slice(0, 7) : start,
      from: start < range.from ? range.from : start,
      to: last > range.to ? range.to : last,
    })
  }
  return out
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** A short, locale-neutral label of a bucket key (the page formats dates in the user's locale). */
export function bucketLabel(key: string, unit: TimeUnit): string {
  const [y, m, d] = key.split('-')
  if (unit === 'month') return `${MONTHS[Number(m) - 1]} ${y}`
  return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`
}

/** Whole months around a range: from its first month to `monthsAfter` months after its last. */
export function monthSpan(range: DateRange, monthsAfter: number): DateRange {
  let end = `${range.to.slice(0, 7)}-01`
  for (let i = 0; i <= monthsAfter; i++) end = nextBucket(end, 'month')
  return { from: `${range.from.slice(0, 7)}-01`, to: addDays(end, -1) }
}

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
