import type { H3Event } from 'h3'
import type { Permission } from '#shared/permissions'
import { RECORD_TYPES, RECORDS } from '#shared/records'
import type { RecordType } from '#shared/records'
import type { RecordActor } from './record-access'
import { recordActor } from './record-access'

/** A person running or building reports, as report services take them. */
export interface ReportUser {
  userId: string
  permissions: readonly Permission[]
  actor: RecordActor
  readable: readonly RecordType[]
  timeZone: string
  currency: string
}

/**
 * Who reads or builds reports in this request (after requirePermission): the member (an API key
 * acts for its creator), their permissions, the record types whose module is on and whose
 * records their role reads, and the workspace's zone and currency.
 */
export function reportUser(event: H3Event): ReportUser {
  const tenant = requireTenant(event)
  const principal = event.context.principal
  const permissions: readonly Permission[] = principal?.permissions ?? []
  const actor = recordActor(event)
  return {
    userId: actor.userId,
    permissions,
    actor,
    readable: RECORD_TYPES.filter(t => tenant.features[RECORDS[t].feature] && permissions.includes(`${RECORDS[t].resource}:read`)),
    timeZone: tenant.preferences.timeZone,
    currency: tenant.preferences.currency,
  }
}
