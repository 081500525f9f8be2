import { and, asc, count, eq, isNull, sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import { plans, tenants } from '#drizzle/schema'
import type { Plan, PlanLimits } from '#drizzle/schema'
import type { FeatureKey } from '#shared/features'
import { PLAN_LIMIT_KEYS, PLAN_LIMIT_LABELS } from '#shared/schemas/plans'
import type { LimitExcess, PlanDetail, PlanLimitField, PlanLimitsValue, PlanPatchResult, PlanSummary, TenantUsage } from '#shared/schemas/plans'
import type { Tx } from '#server/database/connect'
import type { PlatformScope } from '#server/utils/platform-db'
import type { PlatformRunner } from '#server/utils/scope-runner'

const MB = 1024 * 1024

function summary(plan: Plan, tenantCount: number): PlanSummary {
  return {
    key: plan.key,
    name: plan.name,
    limits: normaliseLimits(plan.limits),
    features: plan.features as FeatureKey[],
    tenantCount,
    createdAt: plan.createdAt.toISOString(),
  }
}

/** Stored limits with every field present (older rows may lack one: absent = unlimited). */
function normaliseLimits(limits: Partial<PlanLimits>): PlanLimitsValue {
  const out: PlanLimitsValue = {
    seats: limits.seats ?? null,
    records: limits.records ?? null,
    storageMb: limits.storageMb ?? null,
    apiCallsPerDay: limits.apiCallsPerDay ?? null,
    activeWorkflows: limits.activeWorkflows ?? null,
    workflowRunsPerMonth: limits.workflowRunsPerMonth ?? null,
  }
  if (typeof limits.apiRequestsPerMinute === 'number') out.apiRequestsPerMinute = limits.apiRequestsPerMinute
  return out
}

const liveTenants = isNull(tenants.deletedAt)

/** Every plan, oldest first, with its limits, features and how many tenants are on it. */
export async function listPlans(): Promise<PlanSummary[]> {
  const db = await useDb()
  const rows = await db.select({ plan: plans, tenantCount: sql<number>`(count(${tenants.id}) filter (where ${tenants.deletedAt} is null))::int` })
    .from(plans).leftJoin(tenants, eq(tenants.planId, plans.id))
    .groupBy(plans.id).orderBy(asc(plans.createdAt), asc(plans.key))
  return rows.map(r => summary(r.plan, Number(r.tenantCount)))
}

async function planByKey(db: Tx | Awaited<ReturnType<typeof useDb>>, key: string, lock = false): Promise<Plan> {
  const query = db.select().from(plans).where(eq(plans.key, key)).limit(1)
  const [plan] = lock ? await query.for('update') : await query
  if (!plan) throw notFound('No such plan')
  return plan
}

/** Seats and storage (MB, rounded up to a tenth, so a tenant just over a limit shows as over) of the given tenants, each read under its own tenant. */
async function usageOf(tx: Tx, ids: SQL): Promise<Map<string, TenantUsage>> {
  const raw = await scanTenants<{ seats: number, storageBytes: number }>(tx, ids, USAGE_PER_TENANT)
  return new Map([...raw].map(([id, u]) => [id, { seats: Number(u.seats), records: 0, storageMb: Math.ceil((Number(u.storageBytes) / MB) * 10) / 10 }]))
}

/** The limits on a level a tenant holds (the others count what is done in a day or a month, and start again). */
const LEVELS: readonly PlanLimitField[] = ['seats', 'records', 'storageMb']

/** Which of `fields` a tenant's usage is above under `limits`. */
function over(usage: TenantUsage, limits: PlanLimitsValue, fields: readonly PlanLimitField[] = PLAN_LIMIT_KEYS): LimitExcess['exceeds'] {
  const exceeds: LimitExcess['exceeds'] = []
  for (const field of fields) {
    const allowed = limits[field]
    if (allowed === null || !LEVELS.includes(field)) continue
    const used = usage[field as keyof TenantUsage]
    if (used > allowed) exceeds.push({ limit: field, used, allowed })
  }
  return exceeds
}

/** One plan with a page of its tenants (by name) and what each uses of the plan's limits. */
export async function planDetail(key: string, q: { page: number, pageSize: number }): Promise<PlanDetail> {
  const db = await useDb()
  const plan = await planByKey(db, key)
  const onPlan = eq(tenants.planId, plan.id)
  const [[live], rows] = await Promise.all([
    db.select({ n: count() }).from(tenants).where(and(onPlan, liveTenants)),
    db.select({ id: tenants.id, slug: tenants.slug, name: tenants.name, status: tenants.status, deletedAt: tenants.deletedAt })
      .from(tenants).where(onPlan).orderBy(asc(tenants.name), asc(tenants.id))
      .limit(q.pageSize).offset((q.page - 1) * q.pageSize),
  ])
  const [all] = await db.select({ n: count() }).from(tenants).where(onPlan)
  const ids = rows.map(r => r.id)
  const usage = ids.length
    ? await db.transaction(tx => usageOf(tx as Tx, sql`select id from tenants where id in (${sql.join(ids.map(id => sql`${id}::uuid`), sql`, `)})`))
    : new Map<string, TenantUsage>()
  const limits = normaliseLimits(plan.limits)
  return {
    ...summary(plan, Number(live?.n ?? 0)),
    tenants: {
      items: rows.map((r) => {
        const u = usage.get(r.id) ?? { seats: 0, records: 0, storageMb: 0 }
        return { slug: r.slug, name: r.name, status: r.status, deleted: !!r.deletedAt, usage: u, over: over(u, limits).map(e => e.limit) }
      }),
      total: Number(all?.n ?? 0),
      page: q.page,
      pageSize: q.pageSize,
    },
  }
}

/** Creates a plan; a taken key is a 409 naming the field. Audited in the same transaction. */
export async function createPlan(scope: PlatformScope, input: { key: string, name: string, limits: Partial<PlanLimitsValue>, features: FeatureKey[] }): Promise<PlanSummary> {
  const [row] = await scope.tx.insert(plans).values({ key: input.key, name: input.name, limits: normaliseLimits(input.limits), features: input.features })
    .onConflictDoNothing({ target: plans.key }).returning()
  if (!row) throw apiError(409, 'CONFLICT', `key "${input.key}" is already taken by another plan`, [{ path: 'key', message: 'is already taken by another plan' }])
  await scope.audit({ action: 'plan.created', entityType: 'plan', entityId: row.key, after: { name: row.name, limits: row.limits, features: row.features } })
  return summary(row, 0)
}

/** A limit that allows less than before: a number where it was unlimited, or a smaller number. */
function lowered(next: number | null, before: number | null | undefined): boolean {
  return next !== null && (before === null || before === undefined || next < before)
}

function belowUsageError(affected: LimitExcess[]) {
  const describe = (a: LimitExcess) => `${a.name} (${a.exceeds.map(e => `${PLAN_LIMIT_LABELS[e.limit].label.toLowerCase()} ${e.used} > ${e.allowed}`).join(', ')})`
  const shown = affected.slice(0, 5).map(describe).join('; ')
  const more = affected.length > 5 ? ` and ${affected.length - 5} more` : ''
  const message = `${affected.length === 1 ? '1 tenant already uses' : `${affected.length} tenants already use`} more than the new limits: ${shown}${more}. Send confirm: true to save anyway.`
  const fields = [...new Set(affected.flatMap(a => a.exceeds.map(e => e.limit)))]
  return createError({
    statusCode: 409,
    statusMessage: 'Limits below current usage',
    message,
    data: {
      code: 'PLAN_LIMIT_BELOW_USAGE',
      issues: fields.map(f => ({ path: `limits.${f}`, message: `below what ${affected.filter(a => a.exceeds.some(e => e.limit === f)).length} tenant(s) already use` })),
      affected,
    },
  })
}

/**
 * Edits a plan's name, limits (any subset) and features. Lowering a limit below what tenants on
 * the plan already use is refused (409 PLAN_LIMIT_BELOW_USAGE, listing them) unless `confirm`;
 * saved, it applies at once to every tenant on the plan (their cached profiles are dropped).
 */
export async function updatePlan(run: PlatformRunner, key: string, patch: { name?: string, limits?: Partial<PlanLimitsValue>, features?: FeatureKey[], confirm?: boolean }): Promise<PlanPatchResult> {
  const { row, affected, tenantIds } = await run(async (scope) => {
    const tx = scope.tx
    const plan = await planByKey(tx, key, true)
    const before = normaliseLimits(plan.limits)
    const limits: PlanLimitsValue = { ...before, ...patch.limits }
    const tighter = PLAN_LIMIT_KEYS.filter(k => patch.limits && k in patch.limits && lowered(limits[k], before[k]))

    let affected: LimitExcess[] = []
    if (tighter.length) {
      const usage = await usageOf(tx, sql`select id from tenants where plan_id = ${plan.id} and deleted_at is null`)
      const names = await tx.select({ id: tenants.id, slug: tenants.slug, name: tenants.name }).from(tenants)
        .where(and(eq(tenants.planId, plan.id), liveTenants)).orderBy(asc(tenants.name))
      affected = names.flatMap((t) => {
        const exceeds = over(usage.get(t.id) ?? { seats: 0, records: 0, storageMb: 0 }, limits, tighter)
        return exceeds.length ? [{ slug: t.slug, name: t.name, exceeds }] : []
      })
      if (affected.length && !patch.confirm) throw belowUsageError(affected)
    }

    const next = { name: patch.name ?? plan.name, limits, features: patch.features ?? (plan.features as FeatureKey[]) }
    const [row] = await tx.update(plans).set(next).where(eq(plans.id, plan.id)).returning()
    await scope.audit({
      action: 'plan.updated',
      entityType: 'plan',
      entityId: plan.key,
      before: { name: plan.name, limits: before, features: plan.features },
      after: { ...next, ...(affected.length ? { confirmedOverUsage: affected.map(a => a.slug) } : {}) },
    })
    const onPlan = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.planId, plan.id))
    return { row: row!, affected, tenantIds: onPlan.map(t => t.id) }
  })
  // After the commit: every tenant on the plan sees the new limits and features on its next request.
  await invalidateTenants(tenantIds)
  return { plan: summary(row, tenantIds.length), affected }
}

/**
 * Deletes a plan no tenant is on (those awaiting purge count: they still reference it); else 409
 * saying how many — counted after the transaction has failed, hence a runner.
 */
export async function deletePlan(run: PlatformRunner, key: string): Promise<void> {
  try {
    await run(async (scope) => {
      const tx = scope.tx
      const plan = await planByKey(tx, key, true)
      const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(tenants).where(eq(tenants.planId, plan.id))
      if (Number(n) > 0) throw onPlanError(Number(n))
      await tx.delete(plans).where(eq(plans.id, plan.id))
      await scope.audit({ action: 'plan.deleted', entityType: 'plan', entityId: plan.key, before: { name: plan.name, limits: plan.limits, features: plan.features } })
    })
  }
  catch (error) {
    // A tenant put on the plan between the count and the delete: the foreign key refuses it.
    if (/tenants_plan_id_plans_id_fk|foreign key/i.test(String((error as Error).message) + String((error as { cause?: Error }).cause?.message ?? ''))) {
      const db = await useDb()
      const [{ n } = { n: 1 }] = await db.select({ n: count() }).from(tenants).innerJoin(plans, eq(plans.id, tenants.planId)).where(eq(plans.key, key))
      throw onPlanError(Number(n))
    }
    throw error
  }
}

function onPlanError(n: number) {
  return apiError(409, 'CONFLICT', `${n === 1 ? '1 tenant is' : `${n} tenants are`} on this plan; move ${n === 1 ? 'it' : 'them'} to another plan before deleting it`)
}
