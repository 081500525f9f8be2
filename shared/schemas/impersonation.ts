import { z } from 'zod'
import { slugSchema } from './platform'

/** How long the hand-off link may wait before the tenant host refuses it. */
export const IMPERSONATION_HANDOFF_SECONDS = 120
export const IMPERSONATION_MINUTES = { min: 5, max: 60, default: 30 } as const

/** POST /api/platform/tenants/:slug/impersonations: whom, why, for how long. */
export const impersonationStartSchema = z.object({
  userId: z.uuid('must be a member id'),
  reason: z.string().trim().min(10, 'must be at least 10 characters').max(500, 'must be at most 500 characters'),
  minutes: z.coerce.number().int('must be whole minutes')
    .min(IMPERSONATION_MINUTES.min, `must be at least ${IMPERSONATION_MINUTES.min} minutes`)
    .max(IMPERSONATION_MINUTES.max, `must be at most ${IMPERSONATION_MINUTES.max} minutes`)
    .default(IMPERSONATION_MINUTES.default),
}).strict()

export type ImpersonationStart = z.infer<typeof impersonationStartSchema>

/** GET /api/auth/impersonate?token=…: the single-use hand-off token. */
export const impersonationHandoffQuerySchema = z.object({ token: z.string().min(20).max(128) }).strict()

export const impersonationParamsSchema = z.object({ id: z.uuid('must be an impersonation id') })

/** GET /api/platform/impersonations: active ones, or all recent, optionally of one tenant. */
export const impersonationListQuerySchema = z.object({
  status: z.enum(['active', 'all']).default('all'),
  tenant: slugSchema.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
}).strict()

/** The answer to a start: open `url` (on the tenant's host) within two minutes. */
export interface ImpersonationStarted {
  id: string
  expiresAt: string
  url: string
}

export type ImpersonationStatus = 'active' | 'ended' | 'expired'

/** One impersonation as the console lists it. */
export interface ImpersonationRow {
  id: string
  tenant: { id: string, slug: string, name: string }
  user: { id: string, email: string | null, name: string | null }
  admin: { id: string, email: string, name: string }
  reason: string
  createdAt: string
  expiresAt: string
  endedAt: string | null
  /** Whether the hand-off link was opened (a session exists). */
  entered: boolean
  status: ImpersonationStatus
}
