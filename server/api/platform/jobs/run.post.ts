import { z } from 'zod'
import { runJobsNow } from '#server/services/platform/jobs'

const querySchema = z.object({ seconds: z.coerce.number().int().min(1, 'must be 1 to 55').max(55, 'must be 1 to 55').default(20) }).strict()

// Where no process stays up (Vercel), a scheduler calls this every few minutes with the platform
// operations token: it sends the scheduled jobs that are due and runs queued jobs for a bounded
// time (docs/jobs.md). On a Node server the runner does this by itself; calling it there is harmless.
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { seconds } = await parseQuery(event, querySchema)
  return runJobsNow(platformRunner(event), seconds)
})
