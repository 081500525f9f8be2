import { z } from 'zod'
import { somethingToChange, versionSchema } from './common'
import { CHART_KINDS, savedWidgetQuerySchema } from '../analytics'

/**
 * Custom dashboards (issue 9): a named grid of widgets, shared with roles. A widget stores its
 * query without a date range: the dashboard's range picker supplies it when the widget runs
 * (POST /api/analytics/query with `{ ...widget.query, range }`).
 */

/** Columns of the dashboard grid; a widget's x + w never exceeds it. */
export const GRID_COLUMNS = 12
export const MAX_WIDGETS = 24

export const widgetLayoutSchema = z.object({
  x: z.number().int().min(0).max(GRID_COLUMNS - 1),
  y: z.number().int().min(0).max(500),
  w: z.number().int().min(2).max(GRID_COLUMNS),
  h: z.number().int().min(2).max(12),
}).strict().refine(l => l.x + l.w <= GRID_COLUMNS, { message: `must fit in ${GRID_COLUMNS} columns`, path: ['w'] })

/** How a report widget draws its report: its table, or its chart (a grouped report's first level). */
export const REPORT_WIDGET_CHARTS = ['table', 'bar', 'line', 'pie'] as const satisfies readonly (typeof CHART_KINDS[number])[]
/** Rows a report widget shows at most (the report's page shows the rest). */
export const REPORT_WIDGET_MAX_ROWS = 50

/** The saved report a widget shows, with the rows it shows (its own filters apply; the dashboard's range does not). */
export const reportWidgetRefSchema = z.object({
  id: z.uuid('must be a report id'),
  rows: z.number().int().min(1).max(REPORT_WIDGET_MAX_ROWS, `must be at most ${REPORT_WIDGET_MAX_ROWS}`).default(10),
}).strict()

/**
 * A widget shows one of two things: a catalogue metric (`query`, over the dashboard's range and
 * filters) or a saved report (`report`, as its page shows it to the viewer: their rows and columns).
 */
export const widgetSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{6,40}$/i, 'must be a short id of letters, digits and dashes'),
  title: z.string().trim().min(1, 'is required').max(80),
  chart: z.enum(CHART_KINDS),
  query: savedWidgetQuerySchema.optional(),
  report: reportWidgetRefSchema.optional(),
  layout: widgetLayoutSchema,
}).strict().superRefine((w, ctx) => {
  if (!w.query === !w.report) ctx.addIssue({ code: 'custom', path: ['query'], message: 'must be given, or a report instead (one of the two)' })
  if (w.report && !(REPORT_WIDGET_CHARTS as readonly string[]).includes(w.chart)) ctx.addIssue({ code: 'custom', path: ['chart'], message: 'A report widget is a table, or a bar, line or pie chart' })
})

const dashboardFields = {
  name: z.string().trim().min(1, 'is required').max(80),
  description: z.string().trim().max(280).nullish(),
  widgets: z.array(widgetSchema).max(MAX_WIDGETS, `at most ${MAX_WIDGETS} widgets`)
    .refine(ws => new Set(ws.map(w => w.id)).size === ws.length, 'widget ids must be unique'),
  /** Roles (their keys, as /api/roles lists them) whose members may view it; its author always can. */
  sharedRoleKeys: z.array(z.string().trim().min(1).max(64)).max(50),
}

export const dashboardCreateSchema = z.object({
  ...dashboardFields,
  widgets: dashboardFields.widgets.default([]),
  sharedRoleKeys: dashboardFields.sharedRoleKeys.default([]),
}).strict()

/** A change names only what changed (no defaults: an absent field stays as it is). */
export const dashboardPatchSchema = somethingToChange(z.object(dashboardFields).partial().extend({
  /** The version the editor read; a different current version answers 409 STALE. */
  version: versionSchema,
}).strict())

export type WidgetLayout = z.infer<typeof widgetLayoutSchema>
export type SavedWidget = z.infer<typeof widgetSchema>
export type MetricWidget = SavedWidget & { query: NonNullable<SavedWidget['query']>, report?: undefined }
export type ReportWidget = SavedWidget & { report: NonNullable<SavedWidget['report']>, query?: undefined }
export const isReportWidget = (w: SavedWidget): w is ReportWidget => !!w.report
export const isMetricWidget = (w: SavedWidget): w is MetricWidget => !!w.query
export type DashboardCreate = z.infer<typeof dashboardCreateSchema>
export type DashboardPatch = z.infer<typeof dashboardPatchSchema>

export interface DashboardSummary {
  id: string
  name: string
  description: string | null
  ownerId: string | null
  ownerName: string | null
  sharedRoleKeys: string[]
  widgetCount: number
  /** The viewer may change or delete it (its author, or `dashboard:admin`). */
  canEdit: boolean
  version: number
  updatedAt: string
}

export interface Dashboard extends DashboardSummary {
  widgets: SavedWidget[]
}

export const dashboardParamsSchema = z.object({ id: z.uuid('must be a dashboard id') })
