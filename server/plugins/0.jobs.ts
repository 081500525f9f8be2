// Starts the job runner (pg-boss) with the server: workers for every job and the schedules, on
// PostgreSQL or on the embedded database alike (docs/jobs.md). Numbered 0 so its `close` hook runs
// before the database plugin's closes the pool: running jobs finish first.
import { JOBS } from '#server/services/platform/job-handlers'

export default defineNitroPlugin((nitroApp) => {
  registerJobs(JOBS)
  if (jobMode() === 'worker') {
    useJobs().then(
      () => logger().info({ instance: JOB_INSTANCE }, 'jobs: runner started'),
      (error: Error) => logger().error({ cause: error.message }, 'jobs: runner failed to start'),
    )
  }
  nitroApp.hooks.hook('close', async () => {
    await stopJobs().catch((error: Error) => logger().error({ cause: error.message }, 'jobs: stop failed'))
  })
})
