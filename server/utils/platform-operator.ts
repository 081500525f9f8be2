import { timingSafeEqual } from 'node:crypto'
import type { H3Event } from 'h3'
import type { PlatformPrincipal } from './platform-session'

type PlatformActor = { type: 'platform_admin', id: string } | { type: 'platform-token' }

const enrolFirst = () => apiError(403, 'MFA_ENROLMENT_REQUIRED', 'Super admins must use two-factor sign-in: set it up first')

/**
 * The signed-in super admin; the platform domain only (404 elsewhere), 401 without a session,
 * 403 until they have two-factor on (except for the routes that set it up: `enrolling`).
 */
export function requirePlatformAdmin(event: H3Event, options: { enrolling?: boolean } = {}): PlatformPrincipal {
  if (event.context.site?.kind !== 'platform') throw notFound()
  const admin = event.context.platformAdmin
  if (!admin) throw apiError(401, 'UNAUTHENTICATED', 'Sign in as a platform super admin to continue')
  if (!admin.mfaEnabled && !options.enrolling) throw enrolFirst()
  return admin
}

/**
 * Guard for /api/platform/*: only on the platform domain (404 on any tenant host), for a signed-in
 * super admin, or for automation holding the operations token (NUXT_PLATFORM_API_TOKEN; with no
 * token configured only super admins get in).
 */
export function requirePlatformOperator(event: H3Event): PlatformActor {
  if (event.context.site?.kind !== 'platform') throw notFound()
  const admin = event.context.platformAdmin
  if (admin) {
    if (!admin.mfaEnabled) throw enrolFirst()
    return { type: 'platform_admin', id: admin.id }
  }

  const expected = String(useRuntimeConfig(event).platformApiToken || '')
  const given = (getHeader(event, 'authorization') ?? '').replace(/^Bearer\s+/i, '')
  if (!expected || !given) throw apiError(401, 'UNAUTHENTICATED', 'Sign in as a platform super admin, or send the operations token')
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw apiError(401, 'UNAUTHORIZED', 'A valid platform operations token is required')
  }
  event.context.actor = { type: 'platform-token' }
  return { type: 'platform-token' }
}
