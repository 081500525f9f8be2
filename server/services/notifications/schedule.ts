import type { DigestFrequency } from '#shared/notifications'
import { addDays, localInstant, todayIn } from '#server/services/analytics/buckets'

// When digests are due. Pure (Intl only), so unit tests cover zones and weeks.

const DIGEST_HOUR = 8

/** The next 08:00 in the zone after `now` (weekly: on the day the week starts, 0 = Sunday). */
export function nextDigestAt(frequency: Exclude<DigestFrequency, 'off'>, timeZone: string, weekStartsOn: number, now = new Date()): Date {
  const today = todayIn(timeZone, now)
  for (let d = 0; d <= 8; d++) {
    const date = addDays(today, d)
    if (frequency === 'weekly' && new Date(`${date}T00:00:00Z`).getUTCDay() !== weekStartsOn) continue
    const at = localInstant(date, DIGEST_HOUR, timeZone)
    if (at > now) return at
  }
  throw new Error('no digest time within eight days')
}
