import { timingSafeEqual } from 'node:crypto'
import type { H3Event } from 'h3'

/**
 * Guard for /api/platform/*: only on the platform domain, only with the operations token
 * (NUXT_PLATFORM_API_TOKEN). Until super-admin sign-in exists this is the platform's only
 * write path; with no token configured the API does not exist (404).
 */
export function requirePlatformOperator(event: H3Event): { type: 'platform-token' } {
  const expected = String(useRuntimeConfig(event).platformApiToken || '')
  if (event.context.site?.kind !== 'platform' || !expected) throw notFound()
  const given = (getHeader(event, 'authorization') ?? '').replace(/^Bearer\s+/i, '')
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw apiError(401, 'UNAUTHORIZED', 'A valid platform operations token is required')
  }
  event.context.actor = { type: 'platform-token' }
  return { type: 'platform-token' }
}
