import { testRunSchema } from '#shared/workflows'
import { dryRun } from '#server/services/automation/runs'

// A dry run of a workflow not saved yet (the builder's new workflow) against a record: what each
// step would do. Nothing is written and nothing is sent.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'workflows:write')
  const input = await parseBody(event, testRunSchema)
  if (!input.definition) throw apiError(400, 'VALIDATION_FAILED', 'Invalid body: definition is required for a workflow not saved yet', [{ path: 'definition', message: 'is required for a workflow not saved yet' }])
  const definition = input.definition
  return withTenant(event, scope => dryRun(scope, recordActor(event), definition, input.recordId))
})
