import { describe, expect, it } from 'vitest'
import { nextDigestAt } from '../../server/services/notifications/schedule'

// A digest is due at the next 08:00 in the workspace's zone; a weekly one on the first day of its week.
describe('nextDigestAt', () => {
  it('is today at 08:00 before it, tomorrow after it (UTC)', () => {
    expect(nextDigestAt('daily', 'UTC', 1, new Date('2026-12-07T07:59:00Z')).toISOString()).toBe('2026-12-07T08:00:00.000Z')
    expect(nextDigestAt('daily', 'UTC', 1, new Date('2026-12-07T08:00:00Z')).toISOString()).toBe('2026-12-08T08:00:00.000Z')
  })

  it('follows the zone, its own date and its summer time', () => {
    // 23:30 in New York on Sunday is already Monday in UTC: the next 08:00 there is Monday 13:00 UTC.
    expect(nextDigestAt('daily', 'America/New_York', 0, new Date('2026-12-07T04:30:00Z')).toISOString()).toBe('2026-12-07T13:00:00.000Z')
    // Berlin in winter is UTC+1, in summer UTC+2.
    expect(nextDigestAt('daily', 'Europe/Berlin', 1, new Date('2026-01-15T12:00:00Z')).toISOString()).toBe('2026-01-16T07:00:00.000Z')
    expect(nextDigestAt('daily', 'Europe/Berlin', 1, new Date('2026-07-15T12:00:00Z')).toISOString()).toBe('2026-07-16T06:00:00.000Z')
    // The night the clocks go forward (29 March 2026): 08:00 that morning is already summer time.
    expect(nextDigestAt('daily', 'Europe/Berlin', 1, new Date('2026-03-28T20:00:00Z')).toISOString()).toBe('2026-03-29T06:00:00.000Z')
  })

  it('weekly: the next first day of the week at 08:00, Monday or Sunday as the workspace says', () => {
    // 7 December 2026 is a Monday.
    expect(nextDigestAt('weekly', 'UTC', 1, new Date('2026-12-07T07:00:00Z')).toISOString()).toBe('2026-12-07T08:00:00.000Z')
    expect(nextDigestAt('weekly', 'UTC', 1, new Date('2026-12-07T09:00:00Z')).toISOString()).toBe('2026-12-14T08:00:00.000Z')
    expect(nextDigestAt('weekly', 'UTC', 0, new Date('2026-12-07T09:00:00Z')).toISOString()).toBe('2026-12-13T08:00:00.000Z')
    expect(nextDigestAt('weekly', 'Asia/Tokyo', 6, new Date('2026-12-07T09:00:00Z')).toISOString()).toBe('2026-12-11T23:00:00.000Z')
  })
})
