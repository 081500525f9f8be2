import { z } from 'zod'

/** How long sessions last in a workspace: idle 5 min – 7 days, in total 1 hour – 90 days. */
export const sessionPolicySchema = z.object({
  sessionIdleMinutes: z.number().int().min(5, 'must be at least 5 minutes').max(10_080, 'must be at most 7 days'),
  sessionMaxHours: z.number().int().min(1, 'must be at least 1 hour').max(2_160, 'must be at most 90 days'),
}).strict().refine(p => p.sessionIdleMinutes <= p.sessionMaxHours * 60, { message: 'must not be longer than the total session length', path: ['sessionIdleMinutes'] })

export type SessionPolicy = z.infer<typeof sessionPolicySchema>
