import { z } from 'zod'

export const mfaEnableSchema = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'must be the 6 digits your app shows') }).strict()
export const mfaDisableSchema = z.object({ password: z.string().min(1, 'is required').max(1024) }).strict()
export const mfaRequirementSchema = z.object({ required: z.boolean() }).strict()

export interface MfaStatus {
  enabled: boolean
  enabledAt: string | null
  recoveryCodesLeft: number
  required: boolean
}
