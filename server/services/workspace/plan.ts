import { count, desc, eq, inArray } from 'drizzle-orm'
import { plans, tenants, usageDaily, users } from '#drizzle/schema'
import type { UsageMetricKey } from '#shared/schemas/usage'
import type { PlanOverview } from '#shared/schemas/plan'
import type { TenantScope } from '#server/utils/tenant-db'
import type { TenantContext } from '#server/utils/tenant'
import { countLiveRecords } from '#server/services/crm/records/count'
import { usageSeries } from './usage'
import { activeWorkflowCount, runsThisMonth } from '#server/services/automation/limits'

/** The latest counted level of a metric kept as a level (storage), or null if never counted. */
async function latestLevel(scope: TenantScope, metric: UsageMetricKey): Promise<number | null> {
  const [row] = await scope.tx.select({ value: usageDaily.value }).from(usageDaily)
    .where(scope.where(usageDaily, eq(usageDaily.metric, metric)))
    .orderBy(desc(usageDaily.day)).limit(1)
  return row ? row.value : null
}

/**
 * Settings → Plan & usage: the plan's limits beside what is used of them. Seats are active plus
 * invited members; records are counted live (not deleted); storage is the latest counted level; today's API calls are the
 * live count the limit is enforced on (the history's last day shows the same figure).
 */
export function planOverview(tenant: Pick<TenantContext, 'id'>): Promise<PlanOverview> {
  return tenantPlanOverview(tenant.id)
}

/**
 * The same figures for any tenant by id (the super admin's tenant detail), read through the tenant
 * scope. It opens its own (read-only) transaction rather than take one: today's API calls are read
 * outside it, as without Redis the counter reads the database itself (on PGlite, a query outside
 * an open transaction waits for it to end).
 */
export async function tenantPlanOverview(tenantId: string): Promise<PlanOverview> {
  const tenant = { id: tenantId }
  const db = await useDb()
  const [[plan], live] = await Promise.all([
    db.select({ key: plans.key, name: plans.name, limits: plans.limits }).from(tenants)
      .innerJoin(plans, eq(plans.id, tenants.planId)).where(eq(tenants.id, tenant.id)).limit(1),
    apiCallsToday(tenant.id),
  ])
  if (!plan) throw notFound('No workspace at this address')

  const { seats, records, storage, series, activeWorkflows, workflowRuns } = await runInTenant(tenant.id, async (scope) => {
    const seatRows = await scope.tx.select({ status: users.status, n: count() }).from(users)
      .where(scope.where(users, inArray(users.status, ['active', 'invited']))).groupBy(users.status)
    return {
      seats: Object.fromEntries(seatRows.map(r => [r.status, Number(r.n)])) as Partial<Record<'active' | 'invited', number>>,
      records: await countLiveRecords(scope),
      storage: await latestLevel(scope, 'storage_bytes'),
      series: await usageSeries(scope, 'api_calls', 30),
      activeWorkflows: await activeWorkflowCount(scope),
      workflowRuns: await runsThisMonth(scope),
    }
  })

  const history = series.points.map(p => ({ day: p.day, apiCalls: p.value }))
  const today = history.at(-1)
  if (today) today.apiCalls = Math.max(today.apiCalls, live)
  const active = seats.active ?? 0
  const invited = seats.invited ?? 0
  const { seats: seatLimit, records: recordLimit, storageMb, apiCallsPerDay } = plan.limits
  return {
    plan: { key: plan.key, name: plan.name },
    limits: {
      seats: seatLimit ?? null,
      records: recordLimit ?? null,
      storageMb: storageMb ?? null,
      apiCallsPerDay: apiCallsPerDay ?? null,
      activeWorkflows: plan.limits.activeWorkflows ?? null,
      workflowRunsPerMonth: plan.limits.workflowRunsPerMonth ?? null,
    },
    usage: {
      seats: { used: active + invited, active, invited },
      records: { used: records, counted: true },
      storageBytes: storage ?? 0,
      apiCallsToday: Math.max(live, today?.apiCalls ?? 0),
      activeWorkflows,
      workflowRunsThisMonth: workflowRuns,
    },
    apiCallsResetAt: nextUtcMidnight().toISOString(),
    history,
  }
}
