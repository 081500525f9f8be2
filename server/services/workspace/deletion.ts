import { and, eq, isNotNull, isNull } from 'drizzle-orm'
import { tenants } from '#drizzle/schema'
import type { DeletionState } from '#shared/schemas/data'
import { DELETION_GRACE_DAYS } from '#shared/schemas/data'
import type { TenantActor } from '#server/utils/permissions'
import type { TenantScope } from '#server/utils/tenant-db'

// A tenant admin's request to delete the workspace. Only the request is recorded here: the
// platform's scheduled job (a later issue) deletes the workspace once `deletion_due_at` passes.

async function readState(scope: TenantScope): Promise<DeletionState> {
  const [row] = await scope.tx.select({
    name: tenants.name, requestedAt: tenants.deletionRequestedAt, requestedBy: tenants.deletionRequestedBy, dueAt: tenants.deletionDueAt,
  }).from(tenants).where(eq(tenants.id, scope.tenantId)).limit(1)
  return {
    workspaceName: row!.name,
    pending: !!row!.requestedAt,
    requestedAt: row!.requestedAt?.toISOString() ?? null,
    requestedBy: row!.requestedBy,
    dueAt: row!.dueAt?.toISOString() ?? null,
    graceDays: DELETION_GRACE_DAYS,
  }
}

/** Whether deletion is pending, since when, by whom and when it is due. */
export function deletionState(scope: TenantScope): Promise<DeletionState> {
  return readState(scope)
}

/**
 * Records the request (400 naming `confirmName` unless it is the workspace's name exactly; 409
 * when one is pending), due in DELETION_GRACE_DAYS days.
 */
export async function requestDeletion(scope: TenantScope, actor: TenantActor, confirmName: string): Promise<DeletionState> {
  if (actor.kind !== 'user') throw apiError(403, 'FORBIDDEN', 'Only a person can request deletion of the workspace, not an API key')
  const current = await readState(scope)
  if (confirmName !== current.workspaceName) {
    throw apiError(400, 'VALIDATION_FAILED', 'confirmName: type the workspace name exactly as it is shown', [{ path: 'confirmName', message: 'does not match the workspace name' }])
  }
  const now = new Date()
  const dueAt = new Date(now.getTime() + DELETION_GRACE_DAYS * 86_400_000)
  const updated = await scope.tx.update(tenants).set({ deletionRequestedAt: now, deletionRequestedBy: actor.email, deletionDueAt: dueAt })
    .where(and(eq(tenants.id, scope.tenantId), isNull(tenants.deletionRequestedAt))).returning({ id: tenants.id })
  if (!updated.length) throw apiError(409, 'CONFLICT', `Deletion was already requested on ${current.requestedAt?.slice(0, 10)}; it is due on ${current.dueAt?.slice(0, 10)}`)
  await scope.audit({ action: 'workspace.deletion_requested', entityType: 'tenant', entityId: scope.tenantId, after: { dueAt: dueAt.toISOString() } })
  return readState(scope)
}

/** Withdraws a pending request (404 when none is pending). */
export async function cancelDeletion(scope: TenantScope): Promise<DeletionState> {
  const before = await readState(scope)
  const updated = await scope.tx.update(tenants).set({ deletionRequestedAt: null, deletionRequestedBy: null, deletionDueAt: null })
    .where(and(eq(tenants.id, scope.tenantId), isNotNull(tenants.deletionRequestedAt))).returning({ id: tenants.id })
  if (!updated.length) throw notFound('No deletion is pending for this workspace')
  await scope.audit({ action: 'workspace.deletion_cancelled', entityType: 'tenant', entityId: scope.tenantId, before: { requestedAt: before.requestedAt, requestedBy: before.requestedBy, dueAt: before.dueAt } })
  return readState(scope)
}
