import { workflowParamsSchema } from '#shared/workflows'
import { deleteWorkflow } from '#server/services/automation/workflows'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'workflows:write')
  const { id } = await parseParams(event, workflowParamsSchema)
  await withTenant(event, scope => deleteWorkflow(scope, id))
  setResponseStatus(event, 204)
  return null
})
