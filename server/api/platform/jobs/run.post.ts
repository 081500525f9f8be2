import { z } from 'zod'

const query = z.object({ seconds: z.coerce.number().int().min(1).max(55).default(20) })

// Where no process stays up (Vercel), Vercel Cron calls this every few minutes with the platform
// operations token: it sends the scheduled jobs that are due and runs queued jobs for a bounded
// time (docs/jobs.md). On a Node server the runner does this by itself; calling it there is harmless.
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { seconds } = await getValidatedQuery(event, query.parse)
  const result = await runDueJobs(seconds * 1000)
  await writePlatformAudit(event, { action: 'jobs.ran', entityType: 'job', after: result })
  return result
})
