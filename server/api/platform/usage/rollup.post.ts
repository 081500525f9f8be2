// "Recount now": queues the usage roll-up (it runs on whichever instance fetches it, once; with
// Vercel Cron, on the next run). Answers 202 at once: counting every tenant can take a while.
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const jobId = await enqueue('usage-rollup', null)
  await withPlatform(event, scope => scope.audit({ action: 'usage.rollup_requested', entityType: 'job', entityId: jobId ?? undefined, after: { queued: !!jobId } }))
  setResponseStatus(event, 202)
  return jobId
    ? { queued: true, jobId }
    : { queued: false, message: 'A count is already waiting to run; its figures will show when it finishes' }
})
