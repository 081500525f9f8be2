import { z } from 'zod'
import { FEATURE_KEYS } from '../features'
import { themeSchema } from '../theme'

export const slugSchema = z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'must be a workspace slug')

export const tenantParamsSchema = z.object({ slug: slugSchema })

export const featureParamsSchema = z.object({
  slug: slugSchema,
  key: z.enum(FEATURE_KEYS as [string, ...string[]], { message: 'must be a known feature' }),
})

export const domainParamsSchema = z.object({ slug: slugSchema, hostname: z.string().min(1).max(253) })

/** PATCH body for a tenant's theme: any subset of fields, each validated by the one theme schema. */
export const themePatchSchema = themeSchema.partial().strict()

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
