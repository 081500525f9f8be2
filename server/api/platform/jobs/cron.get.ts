import { runJobsNow } from '#server/services/platform/jobs'

// Vercel Cron's entry point: it can only send GET, with `Authorization: Bearer $CRON_SECRET`
// (set CRON_SECRET to the platform operations token). Same work as POST /jobs/run, for 50 s:
// running due jobs early is all a stray call can cause, and only the token authorises it.
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  return runJobsNow(platformRunner(event), 50)
})
