import { runParamsSchema } from '#shared/workflows'
import { retryRun } from '#server/services/automation/runs'

// A failed run goes on from the step that failed.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'workflows:write')
  const { id } = await parseParams(event, runParamsSchema)
  return withTenant(event, scope => retryRun(scope, id))
})
