import { count, desc, eq, gte, max, sql, sum } from 'drizzle-orm'
import { platformUsageDaily, plans, tenants, tenantUsageSummary } from '#drizzle/schema'
import type { PlatformOverview } from '#shared/schemas/platform-console'
import { requestMetrics } from '#server/utils/request-metrics'
import { isoDay } from '#server/services/workspace/usage'

const WEEKS = 12
const DAYS = 30
/** The days the "active people per day" figure averages (the last ones of the daily series). */
const ACTIVE_DAYS = 7

/** Monday (UTC) of the week `offset` weeks from this one, as YYYY-MM-DD. */
function weekStart(offset: number, now = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) + offset * 7)
  return d.toISOString().slice(0, 10)
}

/**
 * The console's overview. Tenant counts come live from the tenants table; people, API calls and
 * storage from the usage roll-up (tenant tables are behind RLS, so nothing here counts across
 * tenants per request); error rate and latency from the app's own request metrics. Active people
 * have one definition, the daily series the chart draws: the card's figure is its average over
 * the last seven days, so it can never contradict the chart (a 7-day distinct count of sessions
 * said 2 beside a chart whose yesterday said 86).
 */
export async function platformOverview(): Promise<PlatformOverview> {
  const db = await useDb()
  const since = weekStart(-(WEEKS - 1))
  const week = sql<string>`to_char(date_trunc('week', ${tenants.createdAt} at time zone 'UTC'), 'YYYY-MM-DD')`
  const [byStatus, byPlan, weekly, [people], daily, top, requests] = await Promise.all([
    db.select({ status: tenants.status, count: count() }).from(tenants).groupBy(tenants.status),
    db.select({ key: plans.key, name: plans.name, count: count(tenants.id) }).from(plans)
      .leftJoin(tenants, eq(tenants.planId, plans.id)).groupBy(plans.id).orderBy(plans.createdAt),
    db.select({ week, count: count() }).from(tenants).where(gte(tenants.createdAt, new Date(`${since}T00:00:00Z`))).groupBy(week),
    db.select({
      members: sum(tenantUsageSummary.members).mapWith(Number),
      storage: sum(tenantUsageSummary.storageBytes).mapWith(Number),
      at: max(tenantUsageSummary.computedAt),
    }).from(tenantUsageSummary),
    db.select().from(platformUsageDaily).where(gte(platformUsageDaily.day, isoDay(-(DAYS - 1)))),
    db.select({ slug: tenants.slug, name: tenants.name, apiCalls30d: tenantUsageSummary.apiCalls30d, storageBytes: tenantUsageSummary.storageBytes, activeUsers30d: tenantUsageSummary.activeUsers30d })
      .from(tenantUsageSummary).innerJoin(tenants, eq(tenants.id, tenantUsageSummary.tenantId))
      .orderBy(desc(tenantUsageSummary.apiCalls30d), desc(tenantUsageSummary.activeUsers30d)).limit(8),
    requestMetrics(),
  ])
  const weeks = new Map(weekly.map(w => [w.week, Number(w.count)]))
  const byDay = new Map<string, { apiCalls: number, activeUsers: number }>()
  for (const row of daily) {
    const d = byDay.get(row.day) ?? { apiCalls: 0, activeUsers: 0 }
    if (row.metric === 'api_calls') d.apiCalls = Number(row.value)
    if (row.metric === 'active_users') d.activeUsers = Number(row.value)
    byDay.set(row.day, d)
  }
  const perDay = Array.from({ length: DAYS }, (_, i) => {
    const day = isoDay(i - DAYS + 1)
    return { day, ...(byDay.get(day) ?? { apiCalls: 0, activeUsers: 0 }) }
  })
  const active = perDay.map(d => d.activeUsers)
  return {
    tenants: {
      total: byStatus.reduce((n, s) => n + Number(s.count), 0),
      byStatus: byStatus.map(s => ({ status: s.status, count: Number(s.count) })),
      byPlan: byPlan.map(p => ({ key: p.key, name: p.name, count: Number(p.count) })),
      newPerWeek: Array.from({ length: WEEKS }, (_, i) => {
        const w = weekStart(i - WEEKS + 1)
        return { week: w, count: weeks.get(w) ?? 0 }
      }),
    },
    people: {
      members: people?.members ?? 0,
      activePerDay: Math.round(active.slice(-ACTIVE_DAYS).reduce((a, b) => a + b, 0) / ACTIVE_DAYS),
      activeToday: active.at(-1) ?? 0,
      activeYesterday: active.at(-2) ?? 0,
    },
    daily: perDay,
    storageBytes: people?.storage ?? 0,
    topTenants: top.map(t => ({ ...t, apiCalls30d: Number(t.apiCalls30d), storageBytes: Number(t.storageBytes) })),
    requests,
    rolledUpAt: people?.at ? new Date(people.at).toISOString() : null,
  }
}
