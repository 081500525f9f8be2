import type { H3Event } from 'h3'
import { auditLog } from '../../drizzle/schema'
import type { TenantScope } from './tenant-db'

export interface AuditInput {
  action: string
  entityType?: string
  entityId?: string
  before?: unknown
  after?: unknown
  actor?: { type: string, id?: string }
}

/** Appends an audit entry inside the caller's tenant transaction, so it commits or fails with the change. */
export async function writeAudit(event: H3Event, scope: TenantScope, input: AuditInput): Promise<void> {
  const actor = input.actor ?? event.context.actor ?? { type: 'system' }
  await scope.tx.insert(auditLog).values(scope.values(auditLog, [{
    actorType: actor.type,
    actorId: actor.id ?? null,
    action: input.action,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    ip: event.context.clientIp ?? null,
    requestId: event.context.requestId ?? null,
  }]))
}
