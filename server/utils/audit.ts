import type { H3Event } from 'h3'
import { auditLog, platformAuditLog } from '../../drizzle/schema'
import type { Tx } from '../database/connect'
import type { TenantScope } from './tenant-db'

export interface AuditInput {
  action: string
  entityType?: string
  entityId?: string
  before?: unknown
  after?: unknown
  actor?: { type: string, id?: string }
  /** The super admin behind the request, where the session does not say so yet (the impersonation hand-off). */
  impersonatedBy?: string
}

/** The columns both audit logs share: who, what, on which entity, from where. */
function auditRow(context: Partial<Pick<H3Event['context'], 'actor' | 'clientIp' | 'requestId'>>, input: AuditInput) {
  const actor = input.actor ?? context.actor ?? { type: 'system' }
  return {
    actorType: actor.type,
    actorId: actor.id ?? null,
    action: input.action,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    ip: context.clientIp ?? null,
    requestId: context.requestId ?? null,
  }
}

/** The super admin impersonating the signed-in user of this request, if one is. */
export function impersonatorOf(event: H3Event): string | null {
  const principal = event.context.principal
  return principal?.kind === 'user' ? principal.impersonation?.adminId ?? null : null
}

/**
 * Appends an audit entry inside the caller's tenant transaction, so it commits or fails with the change.
 * In an impersonated session the entry names the super admin behind it (`impersonated_by`), and a copy
 * goes to the platform's log (same action, the tenant set) in the same transaction: every action of an
 * impersonation is in both logs, without any route having to ask.
 */
export async function writeAudit(event: H3Event, scope: TenantScope, input: AuditInput): Promise<void> {
  const impersonatedBy = input.impersonatedBy ?? impersonatorOf(event)
  const row = { ...auditRow(event.context, input), impersonatedBy }
  await scope.tx.insert(auditLog).values(scope.values(auditLog, [row]))
  if (impersonatedBy) await scope.tx.insert(platformAuditLog).values({ ...row, tenantId: scope.tenantId })
}

/** Appends an entry by the platform itself (a scheduled job: no request, no person) to a tenant's log. */
export async function writeSystemAudit(scope: TenantScope, input: Omit<AuditInput, 'actor'>): Promise<void> {
  await scope.tx.insert(auditLog).values(scope.values(auditLog, [auditRow({}, { ...input, actor: { type: 'system' } })]))
}

/**
 * Appends an entry to the platform's own audit log (platform actors, platform-wide changes); pass the
 * caller's transaction to have it commit or fail with the change.
 */
export async function writePlatformAudit(event: H3Event, input: AuditInput & { tenantId?: string }, tx?: Tx): Promise<void> {
  const db = tx ?? await useDb()
  await db.insert(platformAuditLog).values({ ...auditRow(event.context, input), impersonatedBy: input.impersonatedBy ?? null, tenantId: input.tenantId ?? null })
}
