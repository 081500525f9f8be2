import { and, asc, count, countDistinct, desc, eq, gt, gte, inArray, isNull, max, sql } from 'drizzle-orm'
import { platformUsageDaily, sessions, tenants, tenantUsageSummary, usageDaily, users } from '#drizzle/schema'
import type { TenantScope } from '#server/utils/tenant-db'
import { isoDay } from '#server/services/workspace/usage'

const DAY_MS = 86_400_000
const BATCH = 200
const WINDOW_DAYS = 30
const WRITE_CHUNK = 500

interface TenantFigures {
  members: number
  activeToday: number
  active7d: number
  active30d: number
  storageBytes: number
  lastSeenAt: Date | null
  /** api_calls and active_users per day over the window. */
  daily: { day: string, metric: 'api_calls' | 'active_users', value: number }[]
}

/** One tenant's figures, read in its own scope (RLS applies as to any other read). */
async function tenantFigures(scope: TenantScope, now: Date): Promise<TenantFigures> {
  const since = (days: number) => new Date(now.getTime() - days * DAY_MS)
  const activeSince = (days: number) => scope.tx.select({ n: countDistinct(sessions.userId) }).from(sessions)
    .where(scope.where(sessions, gte(sessions.lastSeenAt, since(days))))
  const [[members], [today], [week], [month], [seen], [storage], daily] = await Promise.all([
    scope.tx.select({ n: count() }).from(users).where(scope.where(users, eq(users.status, 'active'))),
    activeSince(1),
    activeSince(7),
    activeSince(WINDOW_DAYS),
    scope.tx.select({ at: max(sessions.lastSeenAt) }).from(sessions).where(scope.where(sessions)),
    scope.tx.select({ value: usageDaily.value }).from(usageDaily)
      .where(scope.where(usageDaily, eq(usageDaily.metric, 'storage_bytes'))).orderBy(desc(usageDaily.day)).limit(1),
    scope.tx.select({ day: usageDaily.day, metric: usageDaily.metric, value: usageDaily.value }).from(usageDaily)
      .where(scope.where(usageDaily, and(inArray(usageDaily.metric, ['api_calls', 'active_users']), gte(usageDaily.day, isoDay(-(WINDOW_DAYS - 1), now))))),
  ])
  return {
    members: Number(members?.n ?? 0),
    activeToday: Number(today?.n ?? 0),
    active7d: Number(week?.n ?? 0),
    active30d: Number(month?.n ?? 0),
    storageBytes: Number(storage?.value ?? 0),
    lastSeenAt: seen?.at ? new Date(seen.at) : null,
    daily: daily.map(d => ({ day: d.day, metric: d.metric as 'api_calls' | 'active_users', value: Number(d.value) })),
  }
}

export interface RollupSummary { tenants: number, days: number, ms: number }

/**
 * The usage roll-up (a background job): for every tenant not deleted, counts its members, active
 * users (distinct users with a session seen in the last 1, 7 and 30 days) and storage, records
 * today's active users in its own usage history, and writes the platform's summary row; then the
 * platform-wide daily totals of the last 30 days. Each figure is recomputed from the tenant's rows
 * (never incremented), so a run that is cut off or repeated leaves the figures exact.
 */
export async function rollUpUsage(now = new Date()): Promise<RollupSummary> {
  const started = performance.now()
  const db = await useDb()
  const totals = new Map<string, number>() // `${day}|${metric}` → sum over tenants
  const add = (day: string, metric: string, value: number) => totals.set(`${day}|${metric}`, (totals.get(`${day}|${metric}`) ?? 0) + value)
  const today = isoDay(0, now)
  const summaries: (typeof tenantUsageSummary.$inferInsert)[] = []
  const lastSeen: { id: string, at: Date }[] = []
  let done = 0
  let after = '00000000-0000-0000-0000-000000000000'
  for (;;) {
    const batch = await db.select({ id: tenants.id }).from(tenants)
      .where(and(gt(tenants.id, after), isNull(tenants.deletedAt))).orderBy(asc(tenants.id)).limit(BATCH)
    if (!batch.length) break
    after = batch.at(-1)!.id
    for (const { id } of batch) {
      const figures = await runInTenant(id, async (scope) => {
        const f = await tenantFigures(scope, now)
        await scope.tx.insert(usageDaily).values({ tenantId: id, day: today, metric: 'active_users', value: f.activeToday })
          .onConflictDoUpdate({ target: [usageDaily.tenantId, usageDaily.metric, usageDaily.day], set: { value: f.activeToday } })
        return f
      })
      const apiCalls30d = figures.daily.filter(d => d.metric === 'api_calls').reduce((sum, d) => sum + d.value, 0)
      summaries.push({ tenantId: id, members: figures.members, activeUsers7d: figures.active7d, activeUsers30d: figures.active30d, storageBytes: figures.storageBytes, apiCalls30d, computedAt: now })
      if (figures.lastSeenAt) lastSeen.push({ id, at: figures.lastSeenAt })
      for (const d of figures.daily) if (!(d.metric === 'active_users' && d.day === today)) add(d.day, d.metric, d.value)
      add(today, 'active_users', figures.activeToday)
      add(today, 'storage_bytes', figures.storageBytes)
      done++
    }
  }
  // Platform totals: every day of the window is rewritten whole (zero where nothing was counted).
  const values: (typeof platformUsageDaily.$inferInsert)[] = []
  for (let i = WINDOW_DAYS - 1; i >= 0; i--) {
    const day = isoDay(-i, now)
    for (const metric of ['api_calls', 'active_users'] as const) values.push({ day, metric, value: totals.get(`${day}|${metric}`) ?? 0 })
  }
  values.push({ day: today, metric: 'storage_bytes' as const, value: totals.get(`${today}|storage_bytes`) ?? 0 })
  // One transaction for everything the console reads, so it never sees half a run.
  await db.transaction(async (tx) => {
    for (let i = 0; i < summaries.length; i += WRITE_CHUNK) {
      await tx.insert(tenantUsageSummary).values(summaries.slice(i, i + WRITE_CHUNK)).onConflictDoUpdate({
        target: tenantUsageSummary.tenantId,
        set: {
          members: sql`excluded.members`,
          activeUsers7d: sql`excluded.active_users_7d`,
          activeUsers30d: sql`excluded.active_users_30d`,
          storageBytes: sql`excluded.storage_bytes`,
          apiCalls30d: sql`excluded.api_calls_30d`,
          computedAt: sql`excluded.computed_at`,
        },
      })
    }
    for (let i = 0; i < lastSeen.length; i += WRITE_CHUNK) {
      const chunk = lastSeen.slice(i, i + WRITE_CHUNK)
      await tx.execute(sql`update ${tenants} set last_active_at = v.at::timestamptz
        from (values ${sql.join(chunk.map(r => sql`(${r.id}::uuid, ${r.at.toISOString()})`), sql`, `)}) as v(id, at)
        where ${tenants.id} = v.id and ${tenants.lastActiveAt} is distinct from v.at::timestamptz`)
    }
    await tx.insert(platformUsageDaily).values(values)
      .onConflictDoUpdate({ target: [platformUsageDaily.day, platformUsageDaily.metric], set: { value: sql`excluded.value` } })
  })
  return { tenants: done, days: WINDOW_DAYS, ms: Math.round(performance.now() - started) }
}
