import { describe, expect, it } from 'vitest'
import { createFormatters } from '../../shared/format'
import { DEFAULT_PREFERENCES, generalSettingsSchema, resolvePreferences } from '../../shared/schemas/workspace'

const at = '2026-11-23T23:30:00Z' // already the 24th in Berlin, still the 23rd in New York

describe('workspace formats', () => {
  it('shows the calendar day of the workspace time zone, in the chosen pattern', () => {
    const berlin = createFormatters({ ...DEFAULT_PREFERENCES, timeZone: 'Europe/Berlin', dateFormat: 'DD.MM.YYYY' })
    const newYork = createFormatters({ ...DEFAULT_PREFERENCES, timeZone: 'America/New_York', dateFormat: 'MM/DD/YYYY' })
    expect(berlin.date(at)).toBe('24.11.2026')
    expect(newYork.date(at)).toBe('11/23/2026')
    expect(createFormatters({ ...DEFAULT_PREFERENCES, dateFormat: 'YYYY-MM-DD' }).date(at)).toBe('2026-11-23')
  })

  it('uses the chosen clock and names the zone', () => {
    const twelve = createFormatters({ ...DEFAULT_PREFERENCES, timeZone: 'Europe/London', timeFormat: '12h' })
    const twentyFour = createFormatters({ ...DEFAULT_PREFERENCES, timeZone: 'Europe/London', timeFormat: '24h' })
    expect(twelve.time(at)).toMatch(/^11:30\sPM$/)
    expect(twentyFour.time(at)).toBe('23:30')
    expect(twentyFour.dateTime(at)).toContain('GMT')
    // Just after midnight is 00:05 on a 24-hour clock (Node's ICU says "24:05" with hour12: false) and 12:05 AM on a 12-hour one.
    const midnight = new Date('2026-11-24T00:05:00Z')
    expect(twentyFour.time(midnight)).toBe('00:05')
    expect(twelve.time(midnight)).toMatch(/^12:05\sAM$/)
  })

  it('says a moment to the second on the chosen clock, in the workspace zone, whatever the process runs in', () => {
    const tokyo24 = createFormatters({ ...DEFAULT_PREFERENCES, timeZone: 'Asia/Tokyo', timeFormat: '24h' })
    const newYork12 = createFormatters({ ...DEFAULT_PREFERENCES, timeZone: 'America/New_York', timeFormat: '12h' })
    const moment = new Date('2026-11-23T23:14:06Z')
    expect(tokyo24.timeWithSeconds(moment)).toBe('08:14:06')
    expect(newYork12.timeWithSeconds(moment)).toMatch(/^6:14:06\sPM$/)
    expect(tokyo24.timeWithSeconds('2026-11-23T15:00:09Z')).toBe('00:00:09')
  })

  it('labels a calendar day for chart axes in the locale, with no zone shift', () => {
    const farWest = createFormatters({ ...DEFAULT_PREFERENCES, timeZone: 'Pacific/Honolulu' })
    expect(farWest.shortDay('2026-03-04')).toBe('Mar 4')
    expect(createFormatters({ ...DEFAULT_PREFERENCES, locale: 'de-DE' }).shortDay('2026-03-04')).toBe('4. März')
  })

  it('prints money from minor units in the locale and currency', () => {
    const de = createFormatters({ ...DEFAULT_PREFERENCES, locale: 'de-DE', currency: 'EUR' })
    expect(de.money(123456)).toMatch(/^1\.234,56\s€$/)
    // Yen has no minor unit: 1500 minor units are 1,500 yen.
    expect(createFormatters(DEFAULT_PREFERENCES).money(1500, 'JPY')).toBe('¥1,500')
  })

  it('refuses unknown zones, locales and currencies, naming the field', () => {
    const result = generalSettingsSchema.safeParse({ ...DEFAULT_PREFERENCES, name: 'Acme', timeZone: 'Mars/Olympus', locale: 'xx-XX', currency: 'ABC' })
    expect(result.success).toBe(false)
    const fields = result.error!.issues.map(i => i.path.join('.'))
    expect(fields).toEqual(expect.arrayContaining(['timeZone', 'locale', 'currency']))
  })

  it('reads stored preferences field by field, falling back only where a value is bad', () => {
    expect(resolvePreferences({ timeZone: 'Asia/Tokyo', currency: 'nope' })).toEqual({ ...DEFAULT_PREFERENCES, timeZone: 'Asia/Tokyo' })
    expect(resolvePreferences(null)).toEqual(DEFAULT_PREFERENCES)
  })
})
