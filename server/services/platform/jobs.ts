import type { H3Event } from 'h3'

/** Runs due jobs for a bounded time on behalf of an outside scheduler, and records that it did. */
export async function runJobsNow(event: H3Event, seconds: number) {
  const result = await runDueJobs(seconds * 1000)
  await writePlatformAudit(event, { action: 'jobs.ran', entityType: 'job', after: result })
  return result
}
