import { z } from 'zod'
import { somethingToChange, versionSchema } from './common'

// Bodies of the pipelines API (Settings → Pipelines) and of the board's moves and the lead
// conversion; the same schemas drive the forms.

export const STAGE_KINDS = ['open', 'won', 'lost'] as const
export type StageKind = typeof STAGE_KINDS[number]

/** How many pipelines a workspace and stages a pipeline may have (a board wider than this is unusable). */
export const MAX_PIPELINES = 20
export const MAX_STAGES = 20

/** The stages a workspace's first pipeline (and a new one, unless given) starts with. */
export const DEFAULT_STAGES = [
  { name: 'Prospecting', probability: 10, kind: 'open' },
  { name: 'Qualification', probability: 25, kind: 'open' },
  { name: 'Proposal', probability: 50, kind: 'open' },
  { name: 'Negotiation', probability: 75, kind: 'open' },
  { name: 'Won', probability: 100, kind: 'won' },
  { name: 'Lost', probability: 0, kind: 'lost' },
] as const satisfies readonly { name: string, probability: number, kind: StageKind }[]

const name = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`)
const probability = z.int('must be a whole number').min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100')
const kind = z.enum(STAGE_KINDS, 'must be open, won or lost')

export const stageInputSchema = z.object({
  name: name(60),
  probability: probability.default(0),
  kind: kind.default('open'),
}).strict()

const hasOpenStage = (stages: { kind: StageKind }[]) => stages.some(s => s.kind === 'open')

export const pipelineCreateSchema = z.object({
  name: name(60),
  isDefault: z.boolean().default(false),
  /** The stages in order; the default stages when left out. */
  stages: z.array(stageInputSchema).min(1, 'needs at least one stage').max(MAX_STAGES, `must be at most ${MAX_STAGES}`)
    .refine(hasOpenStage, 'needs at least one open stage').optional(),
}).strict()
export type PipelineCreate = z.infer<typeof pipelineCreateSchema>

/** Rename, or make it the default (the default cannot be unset: make another one the default). */
export const pipelinePatchSchema = somethingToChange(z.object({
  name: name(60).optional(),
  isDefault: z.literal(true, 'can only be set to true; make another pipeline the default instead').optional(),
}).strict())
export type PipelinePatch = z.infer<typeof pipelinePatchSchema>

export const stageCreateSchema = stageInputSchema.extend({
  /** Where it goes (0 = first); by default an open stage goes before the won/lost stages, others last. */
  position: z.int().min(0).max(MAX_STAGES).optional(),
}).strict()
export type StageCreate = z.infer<typeof stageCreateSchema>

export const stagePatchSchema = somethingToChange(z.object({
  name: name(60).optional(),
  probability: probability.optional(),
  kind: kind.optional(),
}).strict())
export type StagePatch = z.infer<typeof stagePatchSchema>

export const stageOrderSchema = z.object({
  stageIds: z.array(z.uuid('must be a stage id')).min(1, 'must list the stages').max(MAX_STAGES)
    .refine(ids => new Set(ids).size === ids.length, 'must name each stage once'),
}).strict()

export const stageDeleteQuerySchema = z.object({
  /** Moves the stage's deals here first (a stage of the same pipeline); without it, a stage with deals answers 409. */
  moveTo: z.uuid('must be a stage id').optional(),
}).strict()

export const pipelineParamsSchema = z.object({ id: z.uuid('must be a pipeline id') })
export const stageParamsSchema = pipelineParamsSchema.extend({ stageId: z.uuid('must be a stage id') })

/** The board's column totals: the same filters the board's lists use. */
export const pipelineSummaryQuerySchema = z.object({
  ownerId: z.union([z.literal('me'), z.uuid()], 'must be a member id or me').optional(),
  /** Won and lost columns count deals closed since then (the board shows recent ones). */
  closedFrom: z.iso.date('must be a date (YYYY-MM-DD)').optional(),
}).strict()

export interface PipelineStageRow {
  id: string
  name: string
  position: number
  probability: number
  kind: StageKind
  /** Live deals in the stage that the reader may see. */
  dealCount: number
}

export interface PipelineRow {
  id: string
  name: string
  position: number
  isDefault: boolean
  stages: PipelineStageRow[]
}

export interface StageSummary {
  stageId: string
  count: number
  /** Sums per currency (deals keep their own currency). */
  sums: { currency: string, amountMinor: number }[]
}

/** POST /api/deals/:id/move — the board's drag and drop and its "Move to…" menu. */
export const dealMoveSchema = z.object({
  stageId: z.uuid('must be a stage id'),
  version: versionSchema,
  lostReason: z.string().trim().max(300, 'must be at most 300 characters').optional(),
}).strict()
export type DealMove = z.infer<typeof dealMoveSchema>

/** POST /api/leads/:id/convert. */
export const leadConvertSchema = z.object({
  /** Name of the account to create (default: the lead's company, else the person's name). */
  accountName: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters').optional(),
  /** Reuse an account instead of creating one. */
  existingAccountId: z.uuid('must be an account id').optional(),
  createDeal: z.boolean('must be true or false'),
  dealName: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters').optional(),
  amountMinor: z.int('must be a whole number of cents').min(0, 'must be 0 or more').max(Number.MAX_SAFE_INTEGER, 'is too large').optional(),
  pipelineId: z.uuid('must be a pipeline id').optional(),
  stageId: z.uuid('must be a stage id').optional(),
}).strict().refine(v => !(v.accountName && v.existingAccountId), { message: 'give a new account\'s name or an existing account, not both', path: ['existingAccountId'] })
export type LeadConvert = z.infer<typeof leadConvertSchema>

export interface LeadConversion {
  leadId: string
  accountId: string
  contactId: string
  dealId: string | null
}
