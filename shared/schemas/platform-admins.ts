import { z } from 'zod'

// Super admins managing super admins (/admin/admins): one schema for the console's form and the routes.

/** A super admin as the console lists them; removed ones are not listed. */
export interface PlatformAdminRow {
  id: string
  name: string
  email: string
  status: 'active' | 'deactivated'
  /** Two-factor is enrolled (every super admin must enrol at their first sign-in). */
  mfaEnabled: boolean
  /** The last sign-in (a session opened), or null if they never signed in. */
  lastSignInAt: string | null
  createdAt: string
  /** The row is the signed-in super admin. */
  isYou: boolean
}

/** POST /api/platform/admins: who to add. The email is trimmed and lowercased; the name is required. */
export const platformAdminCreateSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
  email: z.string().trim().toLowerCase().max(254, 'must be at most 254 characters').email('must be an email address'),
}).strict()

export type PlatformAdminCreate = z.infer<typeof platformAdminCreateSchema>

/** The answer to an add: the new super admin, and their password, shown this once and never stored in clear. */
export interface PlatformAdminCreated {
  admin: PlatformAdminRow
  password: string
}

/** PATCH /api/platform/admins/:id: disable or enable again. */
export const platformAdminPatchSchema = z.object({
  status: z.enum(['active', 'deactivated'], 'must be "active" or "deactivated"'),
}).strict()

export type PlatformAdminPatch = z.infer<typeof platformAdminPatchSchema>

export const platformAdminParamsSchema = z.object({ id: z.uuid('must be a super admin id') })
