import { workflowParamsSchema } from '#shared/workflows'
import { getWorkflow } from '#server/services/automation/workflows'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'workflows:read')
  const { id } = await parseParams(event, workflowParamsSchema)
  return withTenant(event, scope => getWorkflow(scope, id))
})
