import { describe, expect, it } from 'vitest'
import { widgetQuerySchema } from '../../shared/analytics'
import { homeQuerySchema } from '../../shared/schemas/analytics'
import { addDays, bucketsOf, bucketStart, defaultRange, monthSpan, previousRange, rangeDays, rangeInstants, startOfDay, todayIn } from '../../server/services/analytics/buckets'

describe('analytics dates in the workspace zone', () => {
  it('starts a local day at the right instant, DST included', () => {
    expect(startOfDay('2026-01-15', 'America/New_York').toISOString()).toBe('2026-01-15T05:00:00.000Z')
    expect(startOfDay('2026-07-15', 'America/New_York').toISOString()).toBe('2026-07-15T04:00:00.000Z')
    expect(startOfDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z')
    expect(startOfDay('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z')
    expect(startOfDay('2026-05-01', 'UTC').toISOString()).toBe('2026-05-01T00:00:00.000Z')
    expect(startOfDay('2026-05-01', 'Asia/Kolkata').toISOString()).toBe('2026-04-30T18:30:00.000Z')
  })

  it('a range covers its days from the first local midnight to the one after its last day', () => {
    const { start, end } = rangeInstants({ from: '2026-03-07', to: '2026-03-08' }, 'America/New_York')
    expect(start.toISOString()).toBe('2026-03-07T05:00:00.000Z')
    // 8 March 2026 is the spring-forward day in New York: 23 hours long.
    expect(end.toISOString()).toBe('2026-03-09T04:00:00.000Z')
    // 03:30 UTC on the 9th is still the 8th in New York.
    expect(Date.parse('2026-03-09T03:30:00Z') < end.getTime()).toBe(true)
  })

  it('today and the default range are in the zone', () => {
    const now = new Date('2026-06-01T02:00:00Z')
    expect(todayIn('UTC', now)).toBe('2026-06-01')
    expect(todayIn('America/Los_Angeles', now)).toBe('2026-05-31')
    expect(defaultRange('America/Los_Angeles', now)).toEqual({ from: '2026-05-02', to: '2026-05-31' })
  })

  it('the previous period has the same length and ends the day before', () => {
    expect(previousRange({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-01-29', to: '2026-02-28' })
    expect(rangeDays({ from: '2026-03-01', to: '2026-03-31' })).toBe(31)
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
  })

  it('lists every bucket of the range, weeks starting on the workspace day', () => {
    expect(bucketsOf({ from: '2026-01-30', to: '2026-02-02' }, 'day', 1).map(b => b.key)).toEqual(['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-02'])
    // 2026-01-07 is a Wednesday.
    expect(bucketStart('2026-01-07', 'week', 1)).toBe('2026-01-05')
    expect(bucketStart('2026-01-07', 'week', 0)).toBe('2026-01-04')
    expect(bucketStart('2026-01-07', 'week', 6)).toBe('2026-01-03')
    const weeks = bucketsOf({ from: '2026-01-07', to: '2026-01-20' }, 'week', 1)
    expect(weeks).toEqual([
      { key: '2026-01-05', from: '2026-01-07', to: '2026-01-11' },
      { key: '2026-01-12', from: '2026-01-12', to: '2026-01-18' },
      { key: '2026-01-19', from: '2026-01-19', to: '2026-01-20' },
    ])
    expect(bucketsOf({ from: '2025-11-15', to: '2026-02-01' }, 'month', 1).map(b => b.key)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
    expect(monthSpan({ from: '2026-10-05', to: '2026-11-20' }, 3)).toEqual({ from: '2026-10-01', to: '2027-02-28' })
  })
})

describe('analytics query input', () => {
  const paths = (input: unknown) => {
    const r = widgetQuerySchema.safeParse(input)
    return r.success ? [] : r.error.issues.map(i => i.path.join('.'))
  }
  const range = { from: '2026-01-01', to: '2026-01-31' }

  it('names the field of an unknown metric, dimension or filter, or a bad range', () => {
    expect(paths({ metric: 'deals.nope', range })).toEqual(['metric'])
    expect(paths({ metric: 'deals.count', dimension: 'planet', range })).toEqual(['dimension'])
    expect(paths({ metric: 'deals.count', range, filters: { colour: 'red' } })).toEqual(['filters'])
    expect(paths({ metric: 'deals.count', range: { from: '2026-02-01', to: '2026-01-01' } })).toEqual(['range.to'])
    expect(paths({ metric: 'deals.count', range: { from: '2026-02-30', to: '2026-03-01' } })).toEqual(['range.from'])
    expect(paths({ metric: 'deals.open_value', dimension: 'day', range })).toEqual(['dimension'])
    expect(paths({ metric: 'deals.count', dimension: 'owner', range })).toEqual([])
  })

  it('the home query takes both ends of a range or neither', () => {
    expect(homeQuerySchema.safeParse({}).success).toBe(true)
    expect(homeQuerySchema.safeParse({ from: '2026-01-01' }).success).toBe(false)
    const reversed = homeQuerySchema.safeParse({ from: '2026-02-01', to: '2026-01-01' })
    expect(reversed.success ? [] : reversed.error.issues.map(i => i.path.join('.'))).toEqual(['to'])
  })
})
