import type { WorkspacePreferences } from './schemas/workspace'
import { dateTimeFormat, numberFormat } from './intl'
import { minorToDecimal } from './money'

const made = new Map<string, ReturnType<typeof makeFormatters>>()

/**
 * Dates, times and money as a workspace shows them: in its time zone and locale, with its
 * chosen date pattern and clock. Pure, so the server (mails, exports) and pages agree. Made once
 * per set of preferences and shared (every component that shows a date asks for them).
 */
export function createFormatters(prefs: WorkspacePreferences) {
  const key = JSON.stringify(prefs)
  let found = made.get(key)
  if (!found) {
    if (made.size >= 200) made.clear()
    found = makeFormatters(prefs)
    made.set(key, found)
  }
  return found
}

function makeFormatters(prefs: WorkspacePreferences) {
  const { locale, timeZone, currency, dateFormat } = prefs
  // An explicit cycle, not `hour12: false`: with that, some ICU builds (Node's among them) print
  // midnight as "24:05" while browsers print "00:05" — a wrong time and a hydration mismatch.
  const hourCycle = prefs.timeFormat === '12h' ? 'h12' : 'h23'
  const parts = dateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
  const localeDate = dateTimeFormat(locale, { timeZone, dateStyle: 'medium' })
  const time = dateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit', hourCycle })
  const timeSeconds = dateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit', second: '2-digit', hourCycle })
  const monthDay = dateTimeFormat(locale, { timeZone: 'UTC', month: 'short', day: 'numeric' })
  const dayLabel = dateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' })
  const zoneName = dateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })

  /** The calendar date of a moment in the workspace's zone, in its chosen pattern. */
  function date(value: Date | string): string {
    const d = new Date(value)
    if (dateFormat === 'locale') return localeDate.format(d)
    const p = Object.fromEntries(parts.formatToParts(d).map(x => [x.type, x.value])) as Record<string, string>
    return dateFormat
      .replace('YYYY', p.year!)
      .replace('MM', p.month!)
      .replace('DD', p.day!)
  }

  /** The short name of the zone at that moment ("CET", "GMT+2", "UTC"). */
  function zone(value: Date | string): string {
    return zoneName.formatToParts(new Date(value)).find(x => x.type === 'timeZoneName')?.value ?? timeZone
  }

  return {
    date,
    /** Date and time with the zone, e.g. "23/11/2026 17:05 CET". */
    dateTime: (value: Date | string) => `${date(value)} ${time.format(new Date(value))} ${zone(value)}`,
    /** The clock time in the workspace's zone and clock ("17:05" or "5:05 PM"). */
    time: (value: Date | string) => time.format(new Date(value)),
    /** The same with seconds ("17:05:09"), for "checked at" and the like. */
    timeWithSeconds: (value: Date | string) => timeSeconds.format(new Date(value)),
    /** "Mon, Nov 23" for an ISO calendar day (already a day: no zone shift). */
    day: (isoDay: string) => dayLabel.format(new Date(`${isoDay}T00:00:00Z`)),
    /** "Nov 23" for an ISO calendar day, as chart axes label days and weeks (no zone shift). */
    shortDay: (isoDay: string) => monthDay.format(new Date(`${isoDay}T00:00:00Z`)),
    /** An amount in minor units (cents) in the given or the workspace's currency. */
    money: (minor: number, code: string = currency): string => numberFormat(locale, { style: 'currency', currency: code }).format(minorToDecimal(minor, code)),
    number: (value: number) => numberFormat(locale).format(value),
    weekStartsOn: prefs.weekStartsOn,
  }
}

export type Formatters = ReturnType<typeof makeFormatters>
