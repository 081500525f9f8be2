import type { H3Event } from 'h3'

/**
 * Refuses a change to the impersonated person's own credentials (password, two-factor, other
 * sessions, new API keys): a super admin acting as someone may use the workspace as they do, but
 * never take over or lock out their account, nor leave a credential that outlives the impersonation.
 * Call it right after the route's guard; see docs/impersonation.md for the list.
 */
export function refuseWhileImpersonating(event: H3Event, what: string): void {
  if (impersonatorOf(event)) throw apiError(403, 'IMPERSONATION_FORBIDDEN', `Not while impersonating: a super admin may not ${what} for the person they act as`)
}
