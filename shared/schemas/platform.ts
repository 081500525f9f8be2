import { z } from 'zod'
import { somethingToChange } from './common'
import { FEATURE_KEYS } from '../features'
import type { PlanOverview } from './plan'

export const slugSchema = z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'must be a workspace slug')

export const tenantParamsSchema = z.object({ slug: slugSchema })

export const featureParamsSchema = z.object({
  slug: slugSchema,
  key: z.enum(FEATURE_KEYS as [string, ...string[]], { message: 'must be a known feature' }),
})

export const domainParamsSchema = z.object({ slug: slugSchema, hostname: z.string().min(1).max(253) })

/** PATCH body for a tenant's theme: any subset of fields, each validated by the one theme schema. */
export { themePatchSchema } from '../theme'

/** A workspace's name, as created and as renamed. */
export const tenantNameSchema = z.string().trim().min(2, 'must be at least 2 characters').max(80, 'must be at most 80 characters')

export const tenantPatchSchema = somethingToChange(z.object({
  name: tenantNameSchema.optional(),
  status: z.enum(['active', 'suspended']).optional(),
}).strict())

export const domainCreateSchema = z.object({
  hostname: z.string().trim().min(1).max(253),
  /** Marks the domain verified at once (operators who checked DNS themselves, and tests). */
  verified: z.boolean().default(false),
}).strict()

export const featureOverrideSchema = z.object({
  /** true/false overrides the plan; null removes the override. */
  enabled: z.boolean().nullable(),
}).strict()

export const killSwitchSchema = z.object({
  disabled: z.boolean(),
  reason: z.string().max(500).optional(),
}).strict()

/** Columns the tenants list sorts by (each with the id as tie-breaker, so pages never overlap). */
export const TENANT_SORTS = ['name', 'created', 'members', 'activeUsers', 'apiCalls', 'storage', 'lastActive'] as const
export type TenantSort = typeof TENANT_SORTS[number]

const isoDate = z.iso.date('must be a date like 2026-01-31')

/** GET /api/platform/tenants: search, filters (status, plan, created range), sorting, one page at a time. */
export const tenantListQuerySchema = z.object({
  search: z.string().trim().max(200).optional(),
  status: z.enum(['active', 'suspended', 'deleted']).optional(),
  plan: z.string().trim().min(1).max(64).optional(),
  createdFrom: isoDate.optional(),
  createdTo: isoDate.optional(),
  sort: z.enum(TENANT_SORTS).default('name'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
}).strict().refine(q => !q.createdFrom || !q.createdTo || q.createdFrom <= q.createdTo, { message: 'must not be before createdFrom', path: ['createdTo'] })

export type TenantListQuery = z.infer<typeof tenantListQuerySchema>

export interface TenantRow {
  id: string
  slug: string
  name: string
  /** `deleted`: soft-deleted by a super admin, waiting for its purge (whatever its stored status). */
  status: 'active' | 'suspended' | 'deleted'
  plan: { key: string, name: string }
  /** The address people use: the primary domain (a full hostname, or the subdomain label). */
  primaryHost: string | null
  createdAt: string
  /** Addresses the tenant answers on (subdomain and custom domains). */
  domains: number
  /** From the last usage roll-up (null before the first): active members, distinct active users, API calls and storage. */
  usage: { members: number, activeUsers30d: number, apiCalls30d: number, storageBytes: number, computedAt: string } | null
  lastActiveAt: string | null
}

/** Slugs no tenant may take: they name the platform's own hosts, or could pass for them. */
export const RESERVED_SLUGS = [
  'admin', 'api', 'app', 'www', 'mail', 'smtp', 'imap', 'ftp', 'cdn', 'static', 'assets', 'files',
  'status', 'help', 'support', 'docs', 'blog', 'platform', 'login', 'auth', 'sso', 'oauth', 'id',
  'account', 'accounts', 'billing', 'dashboard', 'console', 'cname', 'ns', 'dns', 'root', 'system',
  'atrium', 'test', 'localhost', 'internal',
] as const

/** A new tenant's slug: its subdomain label, lowercase, not reserved (availability is the server's check). */
export const newSlugSchema = z.string()
  .min(2, 'must be at least 2 characters')
  .max(40, 'must be at most 40 characters')
  .regex(/^[a-z0-9-]+$/, 'may hold only lowercase letters, digits and hyphens (no spaces or capitals)')
  .regex(/^[a-z0-9](.*[a-z0-9])?$/, 'must start and end with a letter or digit')
  .refine(s => !s.includes('--'), 'must not hold two hyphens in a row')
  .refine(s => !(RESERVED_SLUGS as readonly string[]).includes(s), 'is reserved for the platform')

export const tenantCreateSchema = z.object({
  name: tenantNameSchema,
  slug: newSlugSchema,
  plan: z.string().trim().min(1, 'is required').max(64),
  adminEmail: z.string().trim().toLowerCase().max(254).email('must be an email address'),
}).strict()

export type TenantCreate = z.infer<typeof tenantCreateSchema>

export const slugCheckQuerySchema = z.object({ slug: z.string().max(100) }).strict()

// ---- Tenant detail and lifecycle (super admins) ----

/** PUT /api/platform/tenants/:slug/plan: move the tenant to another plan, by its key. */
export const tenantPlanChangeSchema = z.object({
  plan: z.string().trim().min(1, 'is required').max(64),
}).strict()

/** POST /api/platform/tenants/:slug/suspend: why (kept for the platform; not shown to the tenant's users). */
export const tenantSuspendSchema = z.object({
  reason: z.string({ message: 'is required' }).trim().min(1, 'is required').max(500, 'must be at most 500 characters'),
}).strict()

/** DELETE /api/platform/tenants/:slug: the slug typed again, as confirmation. */
export const tenantDeleteSchema = z.object({
  confirmSlug: z.string({ message: 'is required' }).trim().min(1, 'is required').max(100),
}).strict()

/** GET /api/platform/tenants/:slug/members: search by name or email, filter by status, one page at a time. */
export const tenantMembersQuerySchema = z.object({
  search: z.string().trim().max(200).optional(),
  status: z.enum(['invited', 'active', 'deactivated']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(10),
}).strict()

export type TenantMembersQuery = z.infer<typeof tenantMembersQuerySchema>

export const tenantExportParamsSchema = z.object({ slug: slugSchema, id: z.string().uuid('must be an export id') })

export type TenantStatus = TenantRow['status']

/** A limit the tenant's usage is above (after a downgrade: allowed, but worth a warning). */
export interface ExceededLimit {
  limit: 'seats' | 'records' | 'storageMb' | 'apiCallsPerDay' | 'activeWorkflows' | 'workflowRunsPerMonth'
  used: number
  allowed: number
}

export interface TenantFeatureState {
  key: string
  label: string
  /** The plan includes it. */
  plan: boolean
  /** The tenant's override (true/false), or null when the plan decides. */
  override: boolean | null
  /** The platform's kill switch is on for it. */
  killed: boolean
  enabled: boolean
}

/** GET /api/platform/tenants/:slug */
export interface TenantDetail {
  profile: {
    id: string
    slug: string
    name: string
    status: TenantStatus
    suspendedReason: string | null
    suspendedAt: string | null
    deletedAt: string | null
    purgeAt: string | null
    /** The tenant admin's own request to delete the workspace (Settings → Data), if pending. */
    deletionRequest: { requestedAt: string, requestedBy: string | null, dueAt: string | null } | null
    createdAt: string
    lastActiveAt: string | null
  }
  primaryHost: string | null
  domains: { hostname: string, kind: 'subdomain' | 'custom', verified: boolean, isPrimary: boolean, createdAt: string }[]
  plan: { key: string, name: string, features: string[], limits: PlanOverview['limits'] }
  features: TenantFeatureState[]
  usage: PlanOverview['usage']
  exceeded: ExceededLimit[]
  /** The last 30 days, oldest first. */
  series: { day: string, apiCalls: number, activeUsers: number }[]
  members: {
    items: { id: string, name: string, email: string, role: { key: string, name: string }, status: 'invited' | 'active' | 'deactivated', lastActiveAt: string | null }[]
    total: number
    page: number
    pageSize: number
  }
  audit: { id: string, createdAt: string, actorType: string, actorEmail: string | null, action: string, entityType: string | null, entityId: string | null }[]
}

/** What a lifecycle action answers: the tenant's new state (and, for a plan change, limits now exceeded). */
export interface TenantLifecycleResult {
  slug: string
  name: string
  status: TenantStatus
  plan: { key: string, name: string }
  suspendedReason: string | null
  deletedAt: string | null
  purgeAt: string | null
  exceeded: ExceededLimit[]
}
