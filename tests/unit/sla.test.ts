import { describe, expect, it } from 'vitest'
import { DEFAULT_PREFERENCES } from '../../shared/schemas/workspace'
import type { SlaPrefs } from '../../shared/sla'
import { slaDueAt, slaState } from '../../shared/sla'

const prefs = (over: Partial<SlaPrefs> = {}): SlaPrefs => ({
  timeZone: 'UTC', workingHours: DEFAULT_PREFERENCES.workingHours, slaHours: DEFAULT_PREFERENCES.slaHours, ...over,
})
const due = (at: string, priority: 'urgent' | 'high' | 'normal' | 'low', p: SlaPrefs) => slaDueAt(new Date(at), priority, p).toISOString()

describe('slaDueAt: SLA hours counted in working time only', () => {
  it('within one working day', () => {
    // Monday 2026-03-02 10:00 UTC + 4 working hours.
    expect(due('2026-03-02T10:00:00Z', 'urgent', prefs())).toBe('2026-03-02T14:00:00.000Z')
  })

  it('carries over to the next working day when the day ends first', () => {
    // Monday 15:00 + 4 h: 2 h on Monday (to 17:00), 2 h on Tuesday from 09:00.
    expect(due('2026-03-02T15:00:00Z', 'urgent', prefs())).toBe('2026-03-03T11:00:00.000Z')
  })

  it('skips the weekend', () => {
    // Friday 2026-03-06 16:00 + 8 h: 1 h on Friday, 7 h on Monday → Monday 16:00.
    expect(due('2026-03-06T16:00:00Z', 'high', prefs())).toBe('2026-03-09T16:00:00.000Z')
    // Opened on Saturday: the clock starts on Monday morning.
    expect(due('2026-03-07T11:00:00Z', 'urgent', prefs())).toBe('2026-03-09T13:00:00.000Z')
  })

  it('starts at the day\'s opening when opened before it, and the next day when opened after it', () => {
    expect(due('2026-03-02T06:30:00Z', 'urgent', prefs())).toBe('2026-03-02T13:00:00.000Z')
    expect(due('2026-03-02T20:00:00Z', 'urgent', prefs())).toBe('2026-03-03T13:00:00.000Z')
  })

  it('spans several days (24 working hours = three 8-hour days)', () => {
    // Monday 09:00 + 24 h → Wednesday 17:00; low (72 h) → nine working days → the second Thursday.
    expect(due('2026-03-02T09:00:00Z', 'normal', prefs())).toBe('2026-03-04T17:00:00.000Z')
    expect(due('2026-03-02T09:00:00Z', 'low', prefs())).toBe('2026-03-12T17:00:00.000Z')
  })

  it('counts in the workspace\'s time zone', () => {
    // 08:00 UTC on Monday is 09:00 in Berlin (CET, UTC+1): + 4 h → 13:00 CET = 12:00 UTC.
    expect(due('2026-03-02T08:00:00Z', 'urgent', prefs({ timeZone: 'Europe/Berlin' }))).toBe('2026-03-02T12:00:00.000Z')
    // Friday 23:30 UTC is already Saturday in Tokyo: the clock starts on Monday 09:00 JST (00:00 UTC).
    expect(due('2026-03-06T23:30:00Z', 'urgent', prefs({ timeZone: 'Asia/Tokyo' }))).toBe('2026-03-09T04:00:00.000Z')
  })

  it('is exact across a DST change (spring forward and fall back)', () => {
    const ny = prefs({ timeZone: 'America/New_York', workingHours: { days: [0, 1, 2, 3, 4, 5, 6], start: '09:00', end: '17:00' } })
    // Saturday 2026-03-07 16:00 EST (21:00 UTC) + 4 h: 1 h Saturday; Sunday 08 is the DST day,
    // opening at 09:00 EDT = 13:00 UTC → 3 h later 16:00 UTC.
    expect(due('2026-03-07T21:00:00Z', 'urgent', ny)).toBe('2026-03-08T16:00:00.000Z')
    // Fall back, Sunday 2026-11-01: 09:00 EST = 14:00 UTC; from Saturday 16:00 EDT (20:00 UTC).
    expect(due('2026-10-31T20:00:00Z', 'urgent', ny)).toBe('2026-11-01T17:00:00.000Z')
    // A window that spans the change counts the time that really passes (the skipped hour is not worked).
    const berlin = prefs({ timeZone: 'Europe/Berlin', workingHours: { days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '23:59' } })
    // Sunday 2026-03-29 (Berlin springs forward at 02:00): 00:00 CET = 23:00 UTC on the 28th, + 4 h = 03:00 UTC (05:00 CEST).
    expect(due('2026-03-28T23:00:00Z', 'urgent', berlin)).toBe('2026-03-29T03:00:00.000Z')
  })

  it('honours custom working days and hours', () => {
    // Sunday–Thursday, 08:00–12:00: Thursday 11:00 + 4 h → 1 h Thursday, Friday/Saturday off, 3 h Sunday → 11:00.
    const p = prefs({ workingHours: { days: [0, 1, 2, 3, 4], start: '08:00', end: '12:00' } })
    expect(due('2026-03-05T11:00:00Z', 'urgent', p)).toBe('2026-03-08T11:00:00.000Z')
  })
})

describe('slaState', () => {
  const now = Date.parse('2026-03-02T12:00:00Z')
  it('says due, breached, met or none', () => {
    expect(slaState({ slaDueAt: '2026-03-02T13:00:00Z', status: 'open' }, now)).toEqual({ kind: 'due', ms: 3_600_000 })
    expect(slaState({ slaDueAt: '2026-03-02T11:00:00Z', status: 'new' }, now)).toEqual({ kind: 'breached', ms: 3_600_000 })
    expect(slaState({ slaDueAt: '2026-03-02T11:00:00Z', status: 'resolved', resolvedAt: '2026-03-02T10:00:00Z' }, now)).toEqual({ kind: 'done', met: true })
    expect(slaState({ slaDueAt: '2026-03-02T11:00:00Z', status: 'closed', resolvedAt: '2026-03-02T11:30:00Z' }, now)).toEqual({ kind: 'done', met: false })
    expect(slaState({ slaDueAt: null, status: 'open' }, now)).toEqual({ kind: 'none' })
  })
})
