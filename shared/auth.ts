import { z } from 'zod'
import type { Permission } from './permissions'
import type { RecordScope } from './records'

/** The signed-in person as pages see it (GET /api/auth/session): no secrets, this tenant only. */
export interface SessionUser {
  id: string
  email: string
  name: string
  /** `recordScope`: which records the role sees (all, its teams' or its own). */
  role: { key: string, name: string, recordScope: RecordScope }
  permissions: Permission[]
  /** The workspace requires two-factor and this person must enrol before anything else. */
  mfaEnrolmentRequired: boolean
  /** Set while a platform super admin acts as this person (the banner shows it). */
  impersonation?: SessionImpersonation | null
}

/** Who is behind an impersonated session, why, and until when. */
export interface SessionImpersonation {
  id: string
  adminName: string
  adminEmail: string
  reason: string
  /** ISO time the session ends on its own. */
  expiresAt: string
}

/** Sign-in body, shared by the login form and POST /api/auth/login. */
export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().max(254, 'is too long').email('must be an email address'),
  password: z.string().min(1, 'is required').max(1024, 'is too long'),
}).strict()

export type LoginInput = z.infer<typeof loginSchema>

/** The second step of a sign-in with two-factor: the challenge from step one and a code. */
export const mfaLoginSchema = z.object({
  challenge: z.string().min(20).max(128),
  code: z.string().trim().regex(/^\d{6}$/, 'must be the 6 digits your app shows').optional(),
  recoveryCode: z.string().trim().toLowerCase().regex(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{2}$/, 'must look like abcd-efgh-jk').optional(),
}).strict().refine(v => (v.code === undefined) !== (v.recoveryCode === undefined), { message: 'send either a code or a recovery code', path: ['code'] })

export type MfaLoginInput = z.infer<typeof mfaLoginSchema>

/** One of the signed-in person's own sessions ("your sessions"). */
export interface MySession {
  id: string
  current: boolean
  ip: string | null
  userAgent: string | null
  createdAt: string
  lastSeenAt: string
  expiresAt: string
  /** A platform super admin is using this session on the person's behalf (impersonation). */
  impersonated?: boolean
}
