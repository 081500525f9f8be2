import { and, count, eq, gte, sql } from 'drizzle-orm'
import { usageDaily, workflows } from '#drizzle/schema'
import { planLimits } from '#server/utils/plan-limits'
import type { TenantScope } from '#server/utils/tenant-db'

/**
 * Automation's plan limits: workflows switched on at once, and runs started per calendar month
 * (UTC). Runs are counted in `usage_daily` (metric `workflow_runs`) in the transaction that starts
 * them, so a rolled-back start counts nothing and pruning old runs forgets nothing.
 */

/** The first day of this month (UTC), as the `usage_daily.day` string. */
export function monthStart(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().slice(0, 10)
}

/** The 1st of next month, 00:00 UTC: when the monthly allowance starts again. */
export function nextMonthStart(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1))
}

/** The plan's two automation limits (absent = unlimited). */
export async function automationLimits(scope: TenantScope): Promise<{ activeWorkflows: number | null, workflowRunsPerMonth: number | null }> {
  const limits = await planLimits(scope, scope.tenantId)
  return { activeWorkflows: limits.activeWorkflows ?? null, workflowRunsPerMonth: limits.workflowRunsPerMonth ?? null }
}

export async function runsThisMonth(scope: TenantScope): Promise<number> {
  const [row] = await scope.tx.select({ n: sql<number>`coalesce(sum(${usageDaily.value}), 0)::int` }).from(usageDaily)
    .where(scope.where(usageDaily, and(eq(usageDaily.metric, 'workflow_runs'), gte(usageDaily.day, monthStart()))))
  return Number(row?.n ?? 0)
}

export async function activeWorkflowCount(scope: TenantScope): Promise<number> {
  const [row] = await scope.tx.select({ n: count() }).from(workflows).where(scope.where(workflows, eq(workflows.enabled, true)))
  return Number(row?.n ?? 0)
}

/** Adds `n` runs started to today's count. */
export async function countRunsStarted(scope: TenantScope, n: number): Promise<void> {
  if (n <= 0) return
  const today = new Date().toISOString().slice(0, 10)
  await scope.tx.insert(usageDaily).values(scope.values(usageDaily, [{ day: today, metric: 'workflow_runs' as const, value: n }]))
    .onConflictDoUpdate({ target: [usageDaily.tenantId, usageDaily.metric, usageDaily.day], set: { value: sql`${usageDaily.value} + ${n}`, updatedAt: new Date() } })
}

/** The sentence a run not started (or a refused start) carries. */
export function runsUsedMessage(limit: number): string {
  const again = nextMonthStart().toLocaleDateString('en-US', { month: 'long', day: 'numeric', timeZone: 'UTC' })
  return `The plan's ${limit.toLocaleString('en-US')} workflow runs this month are used; runs start again on ${again} (00:00 UTC). Upgrade the plan for more.`
}
