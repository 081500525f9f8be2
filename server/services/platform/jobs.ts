import type { PlatformRunner } from '#server/utils/scope-runner'

/**
 * Runs due jobs for a bounded time on behalf of an outside scheduler, and records that it did. The
 * jobs run outside any transaction of this request (each opens its own), hence a runner: the audit
 * entry is written in its own transaction once they have run.
 */
export async function runJobsNow(run: PlatformRunner, seconds: number) {
  const result = await runDueJobs(seconds * 1000)
  await run(scope => scope.audit({ action: 'jobs.ran', entityType: 'job', after: result }))
  return result
}
