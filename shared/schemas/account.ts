import { z } from 'zod'

const email = z.string().trim().toLowerCase().max(254, 'is too long').email('must be an email address')
// The full policy (common passwords too) is checked on the server; forms show these at once.
const newPassword = z.string().min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters')
const token = z.string().min(20, 'is not a valid link').max(128, 'is not a valid link')

export const forgotPasswordSchema = z.object({ email }).strict()
export const resetPasswordSchema = z.object({ token, password: newPassword }).strict()
export const acceptInvitationSchema = z.object({ token, name: z.string().trim().min(1, 'is required').max(120), password: newPassword }).strict()
/** GET /api/auth/invitation: who an open invitation is for, to fill in its page. */
export const invitationQuerySchema = z.object({ token }).strict()
export interface InvitationDetails {
  email: string
  /** The name the admin typed when inviting; null when they gave none. */
  name: string | null
}
export const changePasswordSchema = z.object({ currentPassword: z.string().min(1).max(1024), newPassword }).strict()
export const inviteSchema = z.object({
  email,
  name: z.string().trim().max(120).optional(),
  role: z.string().trim().min(1).max(64),
}).strict()

/** The most people one pasted list may invite. */
export const BULK_INVITE_MAX = 100

/**
 * Addresses pasted from anywhere: one per line or separated by commas or semicolons, plain or as
 * `Name <address>`. Returns each entry as typed, so a bad one can be named by its position.
 */
export function splitInviteList(text: string): { raw: string, email: string, name?: string }[] {
  return text.split(/[\n,;]+/).map(s => s.trim()).filter(Boolean).map((raw) => {
    const angled = /^(.*)<([^<>]+)>$/.exec(raw)
    const name = angled?.[1]?.trim().replace(/^"|"$/g, '') || undefined
    return { raw, email: (angled ? angled[2]! : raw).trim().toLowerCase(), name }
  })
}

export const bulkInviteSchema = z.object({
  emails: z.string().trim().min(1, 'paste at least one address').max(20_000, 'is too long'),
  role: z.string().trim().min(1).max(64),
}).strict().superRefine((value, ctx) => {
  const entries = splitInviteList(value.emails)
  if (entries.length > BULK_INVITE_MAX) ctx.addIssue({ code: 'custom', path: ['emails'], message: `lists ${entries.length} addresses; invite at most ${BULK_INVITE_MAX} at once` })
  entries.forEach((entry, i) => {
    if (!email.safeParse(entry.email).success) ctx.addIssue({ code: 'custom', path: ['emails', i], message: `"${entry.raw.slice(0, 80)}" is not an email address` })
  })
})

export interface BulkInviteResult {
  invited: { id: string, email: string }[]
  /** Addresses left alone, and why (already a member, listed twice). */
  skipped: { email: string, reason: string }[]
}
