import type { H3Event } from 'h3'
import type { Action } from '#shared/permissions'
import type { RecordType } from '#shared/records'
import { RECORDS } from '#shared/records'
import type { TenantActor } from './permissions'

/**
 * The guard of every records route: the type's module must be on (404 otherwise, as if it did
 * not exist) and the role must grant `<resource>:<action>` (403).
 */
export function requireRecordAccess(event: H3Event, type: RecordType, action: Action): TenantActor {
  requireFeature(event, RECORDS[type].feature)
  return requirePermission(event, `${RECORDS[type].resource}:${action}`)
}
