import { z } from 'zod'

export const USAGE_METRICS = ['api_calls', 'active_users', 'records', 'storage_bytes'] as const
export type UsageMetricKey = typeof USAGE_METRICS[number]

export const USAGE_METRIC_LABELS: Record<UsageMetricKey, string> = {
  api_calls: 'API calls',
  active_users: 'Active users (daily avg.)',
  records: 'Records',
  storage_bytes: 'Storage',
}

export const USAGE_RANGES = [7, 30, 90] as const

/** Query of GET /api/analytics/usage, shared by the route and the page's controls. */
export const usageQuerySchema = z.object({
  metric: z.enum(USAGE_METRICS).default('api_calls'),
  days: z.coerce.number().int().refine(v => (USAGE_RANGES as readonly number[]).includes(v), 'must be 7, 30 or 90').default(30),
}).strict()

export type UsageQuery = z.infer<typeof usageQuerySchema>

export interface UsagePoint { day: string, value: number }

export interface UsageSeries {
  metric: UsageMetricKey
  days: number
  points: UsagePoint[]
  total: number
  previousTotal: number
}

export interface OverviewKpi {
  metric: UsageMetricKey
  label: string
  value: number
  /** Change against the previous period, as a fraction (0.12 = +12 %); null when there is nothing to compare. */
  change: number | null
}

export interface Overview {
  days: number
  kpis: OverviewKpi[]
  series: { day: string, apiCalls: number, activeUsers: number }[]
}
