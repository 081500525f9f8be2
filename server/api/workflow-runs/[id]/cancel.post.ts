import { runParamsSchema } from '#shared/workflows'
import { cancelRun } from '#server/services/automation/runs'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'workflows:write')
  const { id } = await parseParams(event, runParamsSchema)
  return withTenant(event, scope => cancelRun(scope, id))
})
