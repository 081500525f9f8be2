import { z } from 'zod'
import type { MetricKey, WidgetQuery, WidgetResult } from '../analytics'
import { analyticsFiltersSchema, dateRangeSchema } from '../analytics'

/**
 * The home dashboard's API (GET /api/analytics/home) and the revisions poll
 * (GET /api/analytics/revisions). Every figure is a `WidgetResult` of shared/analytics.ts, so
 * the page draws KPIs and charts with the same components as a custom dashboard.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')

/**
 * Query of GET /api/analytics/home: an optional range (both ends, or neither: the last 30 days
 * ending today in the workspace's zone) and the filter bar's owner and pipeline.
 */
export const homeQuerySchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  ownerId: analyticsFiltersSchema.shape.ownerId,
  pipelineId: analyticsFiltersSchema.shape.pipelineId,
}).strict()
  .refine(q => !!q.from === !!q.to, { message: 'needs both from and to, or neither', path: ['to'] })
  .superRefine((q, ctx) => {
    if (!q.from || !q.to) return
    const parsed = dateRangeSchema.safeParse({ from: q.from, to: q.to })
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message })
  })
export type HomeQuery = z.infer<typeof homeQuerySchema>

/** The home dashboard's KPIs, in the order shown. Each is present only when the person may see it. */
export const HOME_KPIS = [
  'deals.open_value',
  'deals.won_value',
  'deals.win_rate',
  'deals.cycle_days',
  'leads.count',
  'tickets.open',
  'tickets.sla_breaches',
  'tasks.overdue',
] as const satisfies readonly MetricKey[]
export type HomeKpiKey = typeof HOME_KPIS[number]

/**
 * The home dashboard's charts. Each is absent when the person may not see its records (support
 * gets no deals or leads; a module switched off removes its charts).
 * - funnel: open deals by stage (count), in pipeline order; funnelValue: the same as amounts.
 * - revenue: won amount by month; forecast: open deals' amount × stage probability by expected
 *   close month. Both span whole months from the range's first month to three months after its
 *   last, on the same categories, so the forecast line continues the revenue bars.
 * - dealsByOwner: deals created in the range by owner, one series per status.
 * - leadSources: leads created in the range by source.
 * - ticketVolume: tickets opened by day (week over 62 days, month over a year), one series per priority.
 * - heatmap: activities by weekday (categories) × hour (series), in the workspace's zone.
 */
export const HOME_CHARTS = ['funnel', 'funnelValue', 'revenue', 'forecast', 'dealsByOwner', 'leadSources', 'ticketVolume', 'heatmap'] as const
export type HomeChartKey = typeof HOME_CHARTS[number]

export interface HomeDashboard {
  /** The range used (the default when none was asked), and the period compared with. */
  range: { from: string, to: string }
  previousRange: { from: string, to: string }
  timeZone: string
  kpis: Partial<Record<HomeKpiKey, WidgetResult>>
  charts: Partial<Record<HomeChartKey, WidgetResult>>
  /** Revisions of the sources this answer was computed from (as GET /api/analytics/revisions). */
  revisions: Partial<Record<AnalyticsSource, string>>
  /** Each KPI's and chart's widget query, by key (what a download of its data sends). */
  queries: Partial<Record<HomeKpiKey | HomeChartKey, WidgetQuery>>
}

/** The sources whose revisions dashboards watch: record tables and the timeline. */
export const ANALYTICS_SOURCES = ['accounts', 'contacts', 'leads', 'deals', 'tasks', 'tickets', 'activities'] as const
export type AnalyticsSource = typeof ANALYTICS_SOURCES[number]

/** GET /api/analytics/revisions: one opaque revision per source the person may read; it changes on every write. */
export type AnalyticsRevisions = Partial<Record<AnalyticsSource, string>>
