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

/** GET /api/platform/tenants: search by name or slug, filter by status, one page at a time. */
export const tenantListQuerySchema = z.object({
  search: z.string().trim().max(200).optional(),
  status: z.enum(['active', 'suspended']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
}).strict()

export interface TenantRow {
  id: string
  slug: string
  name: string
  status: 'active' | 'suspended'
  plan: { key: string, name: string }
  /** The address people use: the primary domain (a full hostname, or the subdomain label). */
  primaryHost: string | null
  createdAt: string
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
