import type { H3Event } from 'h3'
import { RECORD_TYPES, RECORDS } from '#shared/records'
import type { RecordType } from '#shared/records'
import type { Permission } from '#shared/permissions'
import type { TenantActor } from './permissions'

/** The record types this actor may search here: module on for the tenant, `<resource>:read` held. */
export function searchableTypes(features: Record<string, boolean>, permissions: readonly string[]): RecordType[] {
  return RECORD_TYPES.filter(t => features[RECORDS[t].feature] === true && permissions.includes(`${RECORDS[t].resource}:read` satisfies Permission))
}

/**
 * Guard of GET /api/search, which spans record types and so fits no single permission: a
 * signed-in member (or API key) of this host's tenant who may read at least one record type
 * whose module is on. 401 without a principal, 403 when enrolment in two-factor is pending or
 * no type is readable. Returns the actor and the types its search covers.
 */
export function requireSearchAccess(event: H3Event): { actor: TenantActor, types: RecordType[] } {
  const tenant = requireTenant(event)
  const actor = event.context.principal
  if (!actor) throw apiError(401, 'UNAUTHENTICATED', 'Sign in to continue')
  if (actor.kind === 'user' && mfaEnrolmentPending(actor, tenant)) {
    throw apiError(403, 'MFA_ENROLMENT_REQUIRED', 'This workspace requires two-factor sign-in: set it up on your account first')
  }
  const types = searchableTypes(tenant.features, actor.permissions)
  if (!types.length) throw apiError(403, 'FORBIDDEN', 'Your role may not read any records here')
  return { actor, types }
}
