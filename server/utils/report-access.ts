import type { H3Event } from 'h3'
import { setResponseHeader } from 'h3'
import type { Permission } from '#shared/permissions'
import { RECORD_TYPES, RECORDS } from '#shared/records'
import type { ReportSource } from '#shared/reports'
import { AUDIT_SOURCE } from '#shared/reports'
import type { RecordActor } from './record-access'
import type { TenantContext } from './tenant'
import { recordActor } from './record-access'

/** A person running or building reports, as report services take them. */
export interface ReportUser {
  userId: string
  permissions: readonly Permission[]
  actor: RecordActor
  /** Record types whose module is on and whose records the role reads, and `audit` with `audit:read`. */
  readable: readonly ReportSource[]
  timeZone: string
  currency: string
}

/** A report user from plain facts: the member, their role's permissions and record scope, in a workspace. */
export function reportUserOf(tenant: TenantContext, member: RecordActor & { permissions: readonly Permission[] }, timeZone = tenant.preferences.timeZone): ReportUser {
  return {
    userId: member.userId,
    permissions: member.permissions,
    actor: { userId: member.userId, recordScope: member.recordScope },
    readable: [
      ...RECORD_TYPES.filter(t => tenant.features[RECORDS[t].feature] && member.permissions.includes(`${RECORDS[t].resource}:read`)),
      ...(member.permissions.includes('audit:read') ? [AUDIT_SOURCE] : []),
    ],
    timeZone,
    currency: tenant.preferences.currency,
  }
}

/**
 * Who reads or builds reports in this request (after requirePermission): the member (an API key
 * acts for its creator), their permissions, the record types whose module is on and whose
 * records their role reads (and the audit log if they read it), and the workspace's zone and currency.
 */
export function reportUser(event: H3Event): ReportUser {
  return reportUserOf(requireTenant(event), { ...recordActor(event), permissions: event.context.principal?.permissions ?? [] })
}

/** What saving a report schedule needs of the workspace: its zone, and whether reports may be mailed outside it. */
export function reportScheduleContext(event: H3Event): { timeZone: string, anyoneMayReceive: boolean } {
  const { preferences } = requireTenant(event)
  return { timeZone: preferences.timeZone, anyoneMayReceive: preferences.reportsToAnyone }
}

/** Answers a stored report file as a download. */
export function sendReportFile(event: H3Event, file: { name: string, contentType: string, bytes: Uint8Array }): Uint8Array {
  setResponseHeader(event, 'content-type', file.contentType)
  setResponseHeader(event, 'content-disposition', `attachment; filename="${file.name}"`)
  setResponseHeader(event, 'cache-control', 'private, no-store')
  return file.bytes
}
