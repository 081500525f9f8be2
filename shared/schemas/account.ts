import { z } from 'zod'

const email = z.string().trim().toLowerCase().max(254, 'is too long').email('must be an email address')
// The full policy (common passwords too) is checked on the server; forms show these at once.
const newPassword = z.string().min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters')
const token = z.string().min(20, 'is not a valid link').max(128, 'is not a valid link')

export const forgotPasswordSchema = z.object({ email }).strict()
export const resetPasswordSchema = z.object({ token, password: newPassword }).strict()
export const acceptInvitationSchema = z.object({ token, name: z.string().trim().min(1, 'is required').max(120), password: newPassword }).strict()
export const changePasswordSchema = z.object({ currentPassword: z.string().min(1).max(1024), newPassword }).strict()
export const inviteSchema = z.object({
  email,
  name: z.string().trim().max(120).optional(),
  role: z.string().trim().min(1).max(64),
}).strict()
