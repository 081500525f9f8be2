import { z } from 'zod'
import { somethingToChange } from './common'
import { FEATURE_KEYS, isFeatureKey } from '../features'
import type { FeatureKey } from '../features'

// Plans and feature flags in the super admin console: one schema for the editor form and the routes.

/** The limits an editor sets; `null` means unlimited (the editor's "Unlimited" toggle). */
export const PLAN_LIMIT_KEYS = ['seats', 'records', 'storageMb', 'apiCallsPerDay', 'activeWorkflows', 'workflowRunsPerMonth'] as const
export type PlanLimitField = typeof PLAN_LIMIT_KEYS[number]

export const PLAN_LIMIT_LABELS: Record<PlanLimitField, { label: string, unit: string }> = {
  seats: { label: 'Seats', unit: 'Active members and open invitations.' },
  records: { label: 'Records', unit: 'Records across the workspace.' },
  storageMb: { label: 'Storage', unit: 'In MB: logos and other stored files.' },
  apiCallsPerDay: { label: 'API calls per day', unit: 'Requests with API keys, from 00:00 UTC.' },
  activeWorkflows: { label: 'Active workflows', unit: 'Workflows switched on at once.' },
  workflowRunsPerMonth: { label: 'Workflow runs per month', unit: 'Runs started, from the 1st, 00:00 UTC.' },
}

const limitValue = z.number({ message: 'must be a whole number, or null for unlimited' })
  .int('must be a whole number')
  .min(0, 'must be 0 or more (null for unlimited)')
  .max(1_000_000_000_000, 'is too large')
  .nullable()

export const planLimitsSchema = z.object({
  seats: limitValue,
  records: limitValue,
  storageMb: limitValue,
  apiCallsPerDay: limitValue,
  /** Automation's limits; absent = unlimited (plans made before they existed). */
  activeWorkflows: limitValue.optional(),
  workflowRunsPerMonth: limitValue.optional(),
  /** Requests per minute for each API key; absent = the platform default. */
  apiRequestsPerMinute: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100_000, 'is too large').optional(),
  /** The shortest time between two runs of one report schedule, in minutes; absent = once a day. */
  reportScheduleMinutes: z.number().int('must be a whole number').min(60, 'must be at least 60 minutes').max(525_600, 'is too large').optional(),
}).strict()

/** Features of a plan: known keys only; an unknown one is named in the error. */
export const planFeaturesSchema = z.array(z.string()).max(FEATURE_KEYS.length * 2).superRefine((keys, ctx) => {
  keys.forEach((key, index) => {
    if (!isFeatureKey(key)) ctx.addIssue({ code: 'custom', path: [index], message: `"${key}" is not a known feature` })
  })
}).transform(keys => [...new Set(keys)] as FeatureKey[])

export const planKeySchema = z.string()
  .min(2, 'must be at least 2 characters')
  .max(40, 'must be at most 40 characters')
  .regex(/^[a-z0-9-]+$/, 'may hold only lowercase letters, digits and hyphens')
  .regex(/^[a-z0-9](.*[a-z0-9])?$/, 'must start and end with a letter or digit')

export const planNameSchema = z.string().trim().min(1, 'is required').max(60, 'must be at most 60 characters')

export const planCreateSchema = z.object({
  key: planKeySchema,
  name: planNameSchema,
  limits: planLimitsSchema,
  features: planFeaturesSchema.default([]),
}).strict()

export const planPatchSchema = somethingToChange(z.object({
  name: planNameSchema.optional(),
  /** Any subset of the limits; the others keep their value. */
  limits: planLimitsSchema.partial().optional(),
  features: planFeaturesSchema.optional(),
  /** Save even though some tenants already use more than a lowered limit. */
  confirm: z.boolean().optional(),
}).strict(), ['confirm'])

export const planParamsSchema = z.object({ key: z.string().min(1).max(64) })

export const planTenantsQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
}).strict()

export type PlanCreate = z.input<typeof planCreateSchema>
export type PlanPatch = z.input<typeof planPatchSchema>

export interface PlanLimitsValue {
  seats: number | null
  records: number | null
  storageMb: number | null
  apiCallsPerDay: number | null
  activeWorkflows: number | null
  workflowRunsPerMonth: number | null
  apiRequestsPerMinute?: number
}

/** GET /api/platform/plans: one plan. */
export interface PlanSummary {
  key: string
  name: string
  limits: PlanLimitsValue
  features: FeatureKey[]
  /** Tenants on the plan (those deleted and awaiting purge not counted). */
  tenantCount: number
  createdAt: string
}

/** What a tenant uses of the limits that are counted (records are not counted yet: 0). */
export interface TenantUsage {
  seats: number
  records: number
  storageMb: number
}

/** A tenant that uses more of a limit than the plan (would) allow. */
export interface LimitExcess {
  slug: string
  name: string
  exceeds: { limit: PlanLimitField, used: number, allowed: number }[]
}

/** GET /api/platform/plans/:key: the plan and a page of its tenants with their usage. */
export interface PlanDetail extends PlanSummary {
  tenants: {
    items: { slug: string, name: string, status: 'active' | 'suspended', deleted: boolean, usage: TenantUsage, over: PlanLimitField[] }[]
    total: number
    page: number
    pageSize: number
  }
}

/** The 409 PLAN_LIMIT_BELOW_USAGE body's `data.affected`, and a confirmed PATCH's `affected`. */
export interface PlanPatchResult {
  plan: PlanSummary
  affected: LimitExcess[]
}

/** GET /api/platform/features: one feature across the platform. */
export interface FeatureOverviewRow {
  key: FeatureKey
  label: string
  description: string
  killSwitch: { reason: string | null, since: string } | null
  /** Plans that include it. */
  plans: number
  /** Tenants with an override forcing it on / off. */
  overrides: { on: number, off: number }
  /** Tenants that have it now (plan, then override, then kill switch). */
  tenantsOn: number
  /** Tenants that would have it if the kill switch were off (what turning it off takes away). */
  tenantsOnWithoutKillSwitch: number
}

export interface FeatureOverview {
  tenants: number
  features: FeatureOverviewRow[]
}

export type FeatureSource = 'plan' | 'override' | 'kill switch' | 'not in plan'

/** GET /api/platform/tenants/:slug/features: one feature for one tenant. */
export interface TenantFeatureState {
  key: FeatureKey
  label: string
  description: string
  inPlan: boolean
  override: boolean | null
  killed: boolean
  killReason: string | null
  enabled: boolean
  source: FeatureSource
}

export interface TenantFeatures {
  tenant: { slug: string, name: string, status: 'active' | 'suspended', plan: { key: string, name: string } }
  features: TenantFeatureState[]
}

/** A limit as people read it: "Unlimited", "5", "1,000 MB". */
export function limitText(field: PlanLimitField, value: number | null, locale?: string): string {
  if (value === null) return 'Unlimited'
  const n = value.toLocaleString(locale)
  return field === 'storageMb' ? `${n} MB` : n
}

/** How a tenant's feature came to be on or off, in a few words. */
export const FEATURE_SOURCE_TEXT: Record<FeatureSource, string> = {
  'plan': 'from the plan',
  'override': 'forced by an override',
  'kill switch': 'off by the kill switch',
  'not in plan': 'not in the plan',
}
