import { manualRunSchema, workflowParamsSchema } from '#shared/workflows'
import { startManualRuns } from '#server/services/automation/runs'

// Starts a manual workflow on chosen records (one run each). A retry of the same request (its
// Idempotency-Key, else its request id) starts nothing twice.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'workflows:read')
  const { id } = await parseParams(event, workflowParamsSchema)
  const { recordIds } = await parseBody(event, manualRunSchema)
  const key = getHeader(event, 'idempotency-key')?.slice(0, 200) || event.context.requestId || crypto.randomUUID()
  const started = await withTenant(event, scope => startManualRuns(scope, recordActor(event), id, recordIds, key))
  setResponseStatus(event, 202)
  return started
})
