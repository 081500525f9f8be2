import { enableSchema, workflowParamsSchema } from '#shared/workflows'
import { setWorkflowEnabled } from '#server/services/automation/workflows'

// Switches a workflow on (422 while its definition has problems) or off.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'workflows:write')
  const { id } = await parseParams(event, workflowParamsSchema)
  const { enabled } = await parseBody(event, enableSchema)
  return withTenant(event, scope => setWorkflowEnabled(scope, recordActor(event).userId, id, enabled))
})
