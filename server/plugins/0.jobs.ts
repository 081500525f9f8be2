// Starts the job runner (pg-boss) with the server: workers for every job and the schedules, on
// PostgreSQL or on the embedded database alike (docs/jobs.md). Numbered 0 so its `close` hook runs
// before the database plugin's closes the pool: running jobs finish first.
import { JOBS } from '#server/services/platform/job-handlers'
import { kickWebhooks, useWebhookQueue } from '#server/services/webhooks/dispatch'
import { kickWorkflowsForEvents, useWorkflowQueue } from '#server/services/automation/queue'
import { useReportQueue } from '#server/services/reports/delivery'

export default defineNitroPlugin((nitroApp) => {
  registerJobs(JOBS)
  // Events committed wake the webhook dispatcher (a run queued for the tenant, taken by whichever
  // worker fetches it first: this instance, or a jobs instance when this one only enqueues);
  // retries are queued for their time. In `cron` mode (Vercel) jobs run only once a minute anyway:
  // the minute's sweep picks the events up, and requests never start a job queue of their own.
  // The queue keeps one waiting job per key: a tenant's wake-ups share its id, a retry's run is
  // keyed by its time (so one retry never stands in for another tenant's or another time's).
  useWebhookQueue((tenantId, delaySeconds) => enqueue('webhooks-run', { tenantId }, delaySeconds
    ? { startAfter: delaySeconds, singletonKey: `${tenantId}@${Math.ceil(Date.now() / 1000) + delaySeconds}` }
    : { singletonKey: tenantId }))
  useWorkflowQueue((tenantId, delaySeconds) => enqueue('workflows-run', { tenantId }, delaySeconds
    ? { startAfter: delaySeconds, singletonKey: `${tenantId}@${Math.ceil(Date.now() / 1000) + delaySeconds}` }
    : { singletonKey: tenantId }))
  useReportQueue(tenantId => enqueue('reports-run', { tenantId }, { singletonKey: tenantId }))
  // A workspace without a module has nothing for it to do now: the minute's sweeps file its events.
  if (jobMode() !== 'cron') {
    whenEventsCommitted((tenantId, tenant) => {
      if (!tenant || tenant.features.webhooks) kickWebhooks(tenantId)
      if (!tenant || tenant.features.automation) kickWorkflowsForEvents(tenantId)
    })
  }
  if (jobMode() === 'worker') {
    useJobs().then(
      () => logger().info({ instance: JOB_INSTANCE, role: instanceRole() }, 'jobs: runner started'),
      (error: Error) => logger().error({ cause: error.message }, 'jobs: runner failed to start'),
    )
  }
  nitroApp.hooks.hook('close', async () => {
    await stopJobs().catch((error: Error) => logger().error({ cause: error.message }, 'jobs: stop failed'))
  })
})
