import { runParamsSchema } from '#shared/workflows'
import { getRun } from '#server/services/automation/runs'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'workflows:read')
  const { id } = await parseParams(event, runParamsSchema)
  return withTenant(event, scope => getRun(scope, recordActor(event), id))
})
