import { z } from 'zod'
import type { ReportDefinition, ReportField, ReportValueType, ReportVisibility } from '../reports'
import { REPORT_SCREEN_ROWS, REPORT_SOURCES, REPORT_VISIBILITIES, reportDefinitionSchema } from '../reports'
import { REPORT_TEMPLATE_KEYS } from '../report-templates'
import { somethingToChange, versionSchema } from './common'
import { EXPORT_FORMATS } from './io'

/** The reports API (server/api/reports): saved reports, the builder's preview, runs and files. */

const reportFields = {
  name: z.string().trim().min(1, 'is required').max(80, 'must be at most 80 characters'),
  description: z.string().trim().max(280, 'must be at most 280 characters').nullish(),
  definition: reportDefinitionSchema,
  visibility: z.enum(REPORT_VISIBILITIES),
  /** Roles (their keys, as /api/roles lists them) whose members may open it when `visibility` is `roles`. */
  sharedRoleKeys: z.array(z.string().trim().min(1).max(64)).max(50),
}

export const reportCreateSchema = z.object({
  ...reportFields,
  visibility: reportFields.visibility.default('private'),
  sharedRoleKeys: reportFields.sharedRoleKeys.default([]),
  template: z.enum(REPORT_TEMPLATE_KEYS).optional(),
}).strict()

/** A change names only what changed, and the version it was read at (409 STALE if it moved on). */
export const reportPatchSchema = somethingToChange(z.object(reportFields).partial().extend({ version: versionSchema }).strict())

export const reportParamsSchema = z.object({ id: z.uuid('must be a report id') })

/** A group's values, outermost first, as a row's `drill` gives them (null for an empty group). */
const drillSchema = z.array(z.string().max(500).nullable()).min(1).max(2)

/** POST /api/reports/preview: the builder's unsaved definition, or one group's records. */
export const reportPreviewSchema = z.object({ definition: reportDefinitionSchema, drill: drillSchema.optional() }).strict()

/** GET /api/reports/:id/run: a saved report on screen; `drill` as JSON of the group values; `rows` fewer rows (a dashboard widget's). */
export const reportRunQuerySchema = z.object({
  rows: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(REPORT_SCREEN_ROWS, `must be at most ${REPORT_SCREEN_ROWS}`).optional(),
  drill: z.string().max(2000).optional().transform((raw, ctx) => {
    if (raw === undefined) return undefined
    try {
      const parsed = drillSchema.safeParse(JSON.parse(raw))
      if (parsed.success) return parsed.data
    }
    catch { /* the issue below */ }
    ctx.addIssue({ code: 'custom', message: 'must be a JSON list of one or two group values' })
    return z.NEVER
  }),
}).strict()

/** A report's files: the lists' formats and a branded PDF. */
export const REPORT_FORMATS = [...EXPORT_FORMATS, 'pdf'] as const
export type ReportFormat = typeof REPORT_FORMATS[number]
export const reportExportQuerySchema = z.object({ format: z.enum(REPORT_FORMATS, 'must be csv, xlsx, json or pdf').default('csv') }).strict()

export type ReportCreate = z.infer<typeof reportCreateSchema>
export type ReportPatch = z.infer<typeof reportPatchSchema>

export interface ReportSummary {
  id: string
  name: string
  description: string | null
  source: ReportDefinition['source']
  template: string | null
  ownerId: string | null
  ownerName: string | null
  visibility: ReportVisibility
  sharedRoleKeys: string[]
  canEdit: boolean
  version: number
  updatedAt: string
}

export interface Report extends ReportSummary {
  definition: ReportDefinition
}

export const reportFieldsQuerySchema = z.object({ source: z.enum(REPORT_SOURCES, 'must be a record type or audit') }).strict()

/** A filter a report over the type can carry, in the lists' language (`key=a,b` or `keyFrom`/`keyTo`). */
export interface ReportFilterDef {
  key: string
  label: string
  kind: 'eq' | 'range'
  type: ReportValueType
  options?: readonly string[]
}

/** GET /api/reports/fields: what the builder offers for a record type, for this person. */
export interface ReportFieldCatalogue {
  fields: ReportField[]
  filters: ReportFilterDef[]
}
