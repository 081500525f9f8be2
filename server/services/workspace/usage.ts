import { asc, gte, inArray } from 'drizzle-orm'
import { usageDaily } from '#drizzle/schema'
import type { Overview, OverviewKpi, UsageMetricKey, UsagePoint, UsageSeries } from '#shared/schemas/usage'
import { USAGE_METRIC_LABELS } from '#shared/schemas/usage'
import type { TenantScope } from '#server/utils/tenant-db'

/** ISO date (UTC) `offset` days from today. */
export function isoDay(offset = 0, from = new Date()): string {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()))
  d.setUTCDate(d.getUTCDate() + offset)
  return d.toISOString().slice(0, 10)
}

/** Every day of the window, oldest first, zero where nothing was counted. */
function fillDays(rows: { day: string, value: number }[], days: number, endOffset = 0): UsagePoint[] {
  const byDay = new Map(rows.map(r => [r.day, r.value]))
  return Array.from({ length: days }, (_, i) => {
    const day = isoDay(endOffset - days + 1 + i)
    return { day, value: byDay.get(day) ?? 0 }
  })
}

async function readMetrics(scope: TenantScope, metrics: UsageMetricKey[], sinceOffset: number) {
  return scope.tx
    .select({ metric: usageDaily.metric, day: usageDaily.day, value: usageDaily.value })
    .from(usageDaily)
    .where(scope.where(usageDaily, inArray(usageDaily.metric, metrics), gte(usageDaily.day, isoDay(sinceOffset))))
    .orderBy(asc(usageDaily.day))
}

const sum = (points: UsagePoint[]) => points.reduce((acc, p) => acc + p.value, 0)
const last = (points: UsagePoint[]) => points.at(-1)?.value ?? 0
const average = (points: UsagePoint[]) => points.length ? Math.round(sum(points) / points.length) : 0
const change = (now: number, before: number) => before === 0 ? null : (now - before) / before

/** One metric over the last `days` days, with the total of the period before for comparison. */
export async function usageSeries(scope: TenantScope, metric: UsageMetricKey, days: number): Promise<UsageSeries> {
  const rows = await readMetrics(scope, [metric], -(2 * days - 1))
  const current = fillDays(rows, days)
  const previous = fillDays(rows, days, -days)
  return { metric, days, points: current, total: sum(current), previousTotal: sum(previous) }
}

/**
 * The home page's figures: API calls summed over the period, active users as a daily average,
 * records and storage as the latest level; each compared with the period before.
 */
export async function usageOverview(scope: TenantScope, days = 30): Promise<Overview> {
  const rows = await readMetrics(scope, ['api_calls', 'active_users', 'records', 'storage_bytes'], -(2 * days - 1))
  const pick = (metric: UsageMetricKey) => rows.filter(r => r.metric === metric)
  const window = (metric: UsageMetricKey) => ({ now: fillDays(pick(metric), days), before: fillDays(pick(metric), days, -days) })

  const api = window('api_calls')
  const users = window('active_users')
  const records = window('records')
  const storage = window('storage_bytes')
  const kpi = (metric: UsageMetricKey, value: number, previous: number): OverviewKpi =>
    ({ metric, label: USAGE_METRIC_LABELS[metric], value, change: change(value, previous) })

  return {
    days,
    kpis: [
      kpi('api_calls', sum(api.now), sum(api.before)),
      kpi('active_users', average(users.now), average(users.before)),
      kpi('records', last(records.now), last(records.before)),
      kpi('storage_bytes', last(storage.now), last(storage.before)),
    ],
    series: api.now.map((p, i) => ({ day: p.day, apiCalls: p.value, activeUsers: users.now[i]?.value ?? 0 })),
  }
}
