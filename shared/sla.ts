import type { WorkspacePreferences } from './schemas/workspace'

/** What an SLA is computed from: the workspace's zone, working hours and hours per priority. */
export type SlaPrefs = Pick<WorkspacePreferences, 'timeZone' | 'workingHours' | 'slaHours'>
export type SlaPriority = keyof WorkspacePreferences['slaHours']

const MINUTE = 60_000
/** No working day within this many days (cannot happen with a valid schedule) ends the search. */
const MAX_DAYS = 3660

/** The zone's offset from UTC (ms, local minus UTC) at one instant, from Intl: DST-exact. */
function offsetAt(parts: Intl.DateTimeFormat, at: number): number {
  const p = Object.fromEntries(parts.formatToParts(at).map(x => [x.type, x.value])) as Record<string, string>
  const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second))
  return local - Math.floor(at / 1000) * 1000
}

/**
 * The instant a wall-clock time of a local day happens in the zone. A time that a DST change
 * skips (02:30 on a spring-forward night) comes out as the instant an hour later, as clocks do.
 */
function zonedInstant(parts: Intl.DateTimeFormat, y: number, m: number, d: number, minutes: number): number {
  const wall = Date.UTC(y, m, d) + minutes * MINUTE
  const first = wall - offsetAt(parts, wall)
  const second = wall - offsetAt(parts, first)
  return second
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/**
 * When a ticket opened at `createdAt` with `priority` is due: the priority's SLA hours counted
 * only inside the workspace's working hours (its days, from `start` to `end` local time, in its
 * time zone). Time before the day's start or after its end and on days off does not count, so a
 * ticket opened on Friday evening starts its clock on Monday morning. Pure and DST-safe: each
 * day's window is converted to instants through Intl, so a 23- or 25-hour day still counts
 * exactly start→end of wall-clock time.
 */
export function slaDueAt(createdAt: Date, priority: SlaPriority, prefs: SlaPrefs): Date {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: prefs.timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  })
  const days = new Set(prefs.workingHours.days)
  const start = toMinutes(prefs.workingHours.start)
  const end = toMinutes(prefs.workingHours.end)
  let remaining = prefs.slaHours[priority] * 60 * MINUTE
  const from = createdAt.getTime()
  const local = Object.fromEntries(parts.formatToParts(from).map(x => [x.type, x.value])) as Record<string, string>
  const y = Number(local.year)
  const m = Number(local.month) - 1
  const d = Number(local.day)
  for (let i = 0; i < MAX_DAYS; i++) {
    // Calendar arithmetic on a UTC date: the local day i days on, and its weekday.
    const day = new Date(Date.UTC(y, m, d + i))
    if (!days.has(day.getUTCDay()) || end <= start) continue
    const open = zonedInstant(parts, day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), start)
    const close = zonedInstant(parts, day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), end)
    const begin = Math.max(open, from)
    if (begin >= close) continue
    if (remaining <= close - begin) return new Date(begin + remaining)
    remaining -= close - begin
  }
  return new Date(from + prefs.slaHours[priority] * 60 * MINUTE)
}

/** A ticket's SLA state for badges: due (in ms from now), breached, or met/none. */
export function slaState(ticket: { slaDueAt?: string | null, status?: string | null, resolvedAt?: string | null }, now: number): { kind: 'none' } | { kind: 'done', met: boolean } | { kind: 'due' | 'breached', ms: number } {
  if (!ticket.slaDueAt) return { kind: 'none' }
  const due = new Date(ticket.slaDueAt).getTime()
  if (ticket.status === 'resolved' || ticket.status === 'closed') {
    return { kind: 'done', met: !ticket.resolvedAt || new Date(ticket.resolvedAt).getTime() <= due }
  }
  const ms = due - now
  return ms < 0 ? { kind: 'breached', ms: -ms } : { kind: 'due', ms }
}
