import { count, eq, inArray } from 'drizzle-orm'
import { plans, tenants, users } from '#drizzle/schema'
import type { PlanLimits } from '#drizzle/schema'
import type { TenantScope } from './tenant-db'

/**
 * The plan limits of the scope's tenant, read with its tenant row locked: seat- and
 * storage-taking writes of one workspace queue behind each other, so two at once cannot both
 * take the last seat. `share` lets holders run side by side while keeping `update` out (the
 * record limit far from its end: server/services/crm/records/count.ts).
 */
export async function lockPlanLimits(scope: TenantScope, tenantId: string, lock: 'update' | 'share' = 'update'): Promise<PlanLimits> {
  const [row] = await limitsQuery(scope, tenantId).for(lock, { of: tenants })
  return row!.limits
}

/** The plan limits of a tenant, read without a lock (a limit checked where running a little over is harmless). */
export async function planLimits(scope: TenantScope, tenantId: string): Promise<PlanLimits> {
  const [row] = await limitsQuery(scope, tenantId)
  return row!.limits
}

function limitsQuery(scope: TenantScope, tenantId: string) {
  return scope.tx.select({ limits: plans.limits }).from(tenants)
    .innerJoin(plans, eq(plans.id, tenants.planId))
    .where(eq(tenants.id, tenantId)).limit(1)
}

/** Refuses (409 PLAN_LIMIT) when `needed` more seats (active or invited members) do not fit the plan. */
export async function assertSeatsAvailable(scope: TenantScope, tenantId: string, needed: number, field = 'email'): Promise<void> {
  if (needed <= 0) return
  const { seats } = await lockPlanLimits(scope, tenantId)
  if (seats === null) return
  const [row] = await scope.tx.select({ n: count() }).from(users).where(scope.where(users, inArray(users.status, ['active', 'invited'])))
  const used = row?.n ?? 0
  if (used + needed > seats) {
    const left = Math.max(0, seats - used)
    const message = `The plan includes ${seats} seats and ${used} are taken (active members and open invitations); ${needed === 1 ? 'this needs 1 more' : `these need ${needed} more`}, ${left} left. Deactivate members, withdraw invitations or upgrade the plan.`
    throw apiError(409, 'PLAN_LIMIT', message, [{ path: field, message: 'no seat left on the plan' }])
  }
}
