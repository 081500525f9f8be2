import { z } from 'zod'
import type { Permission } from './permissions'

/** The signed-in person as pages see it (GET /api/auth/session): no secrets, this tenant only. */
export interface SessionUser {
  id: string
  email: string
  name: string
  role: { key: string, name: string }
  permissions: Permission[]
}

/** Sign-in body, shared by the login form and POST /api/auth/login. */
export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().max(254, 'is too long').email('must be an email address'),
  password: z.string().min(1, 'is required').max(1024, 'is too long'),
}).strict()

export type LoginInput = z.infer<typeof loginSchema>
