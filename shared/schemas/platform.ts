import { z } from 'zod'
import { FEATURE_KEYS } from '../features'

export const slugSchema = z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'must be a workspace slug')

export const tenantParamsSchema = z.object({ slug: slugSchema })

export const featureParamsSchema = z.object({
  slug: slugSchema,
  key: z.enum(FEATURE_KEYS as [string, ...string[]], { message: 'must be a known feature' }),
})

export const domainParamsSchema = z.object({ slug: slugSchema, hostname: z.string().min(1).max(253) })

/** PATCH body for a tenant's theme: any subset of fields, each validated by the one theme schema. */
export { themePatchSchema } from '../theme'

export const tenantPatchSchema = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  status: z.enum(['active', 'suspended']).optional(),
}).strict()

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
  status: z.enum(['active', 'suspended']).optional(),
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
  status: 'active' | 'suspended'
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
  name: z.string().trim().min(2, 'must be at least 2 characters').max(80, 'must be at most 80 characters'),
  slug: newSlugSchema,
  plan: z.string().trim().min(1, 'is required').max(64),
  adminEmail: z.string().trim().toLowerCase().max(254).email('must be an email address'),
}).strict()

export type TenantCreate = z.infer<typeof tenantCreateSchema>

export const slugCheckQuerySchema = z.object({ slug: z.string().max(100) }).strict()
