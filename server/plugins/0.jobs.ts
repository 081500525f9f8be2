// Starts the job runner (pg-boss) with the server: workers for every job and the schedules, on
// PostgreSQL or on the embedded database alike (docs/jobs.md). Numbered 0 so its `close` hook runs
// before the database plugin's closes the pool: running jobs finish first.
import { JOBS } from '#server/services/platform/job-handlers'

export default defineNitroPlugin((nitroApp) => {
  registerJobs(JOBS)
  if (jobMode() === 'worker') {
    useJobs().then(
      () => console.info(`[jobs] runner started (${JOB_INSTANCE})`),
      (error: Error) => console.error(`[jobs] runner failed to start: ${error.message}`),
    )
  }
  nitroApp.hooks.hook('close', async () => {
    await stopJobs().catch((error: Error) => console.error(`[jobs] stop failed: ${error.message}`))
  })
})
