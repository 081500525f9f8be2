import { runsQuerySchema } from '#shared/workflows'
import { listRuns } from '#server/services/automation/runs'

// Workflow runs, newest first, by status, workflow or record.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'workflows:read')
  const query = await parseQuery(event, runsQuerySchema)
  return withTenant(event, scope => listRuns(scope, recordActor(event), query))
})
