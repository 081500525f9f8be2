import type { H3Event } from 'h3'
import type { Action } from '#shared/permissions'
import type { RecordScope, RecordType } from '#shared/records'
import { RECORDS } from '#shared/records'
import type { TenantActor } from './permissions'

/**
 * The guard of every records route: the type's module must be on (404 otherwise, as if it did
 * not exist) and the role must grant `<resource>:<action>` (403). requirePermission checks both:
 * the resource's module (RESOURCE_MODULES) is the type's feature.
 */
export function requireRecordAccess(event: H3Event, type: RecordType, action: Action): TenantActor {
  return requirePermission(event, `${RECORDS[type].resource}:${action}`)
}

/** Who acts on records: the member (an API key acts for its creator) and what their role sees. */
export interface RecordActor {
  userId: string
  recordScope: RecordScope
}

/** The acting member and their record scope, from the request's principal (after requirePermission). */
export function recordActor(event: H3Event): RecordActor {
  const principal = event.context.principal
  if (!principal) throw apiError(401, 'UNAUTHENTICATED', 'Sign in to continue')
  return principal.kind === 'user'
    ? { userId: principal.id, recordScope: principal.role.recordScope }
    : { userId: principal.userId, recordScope: principal.recordScope }
}
