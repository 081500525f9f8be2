import { manualRunSchema, workflowParamsSchema } from '#shared/workflows'
import { startManualRuns } from '#server/services/automation/runs'

// Starts a manual workflow on chosen records (one run each), keyed by this request. A client's retry
// with the same Idempotency-Key gets the first answer again (server/middleware/4.idempotency.ts).
export default defineEventHandler(async (event) => {
  requirePermission(event, 'workflows:read')
  const { id } = await parseParams(event, workflowParamsSchema)
  const { recordIds } = await parseBody(event, manualRunSchema)
  const started = await withTenant(event, scope => startManualRuns(scope, recordActor(event), id, recordIds, event.context.requestId ?? crypto.randomUUID()))
  setResponseStatus(event, 202)
  return started
})
