import { workflowInputSchema, workflowParamsSchema } from '#shared/workflows'
import { updateWorkflow } from '#server/services/automation/workflows'

// Saves a new version; runs already started keep theirs.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'workflows:write')
  const { id } = await parseParams(event, workflowParamsSchema)
  const input = await parseBody(event, workflowInputSchema)
  return withTenant(event, scope => updateWorkflow(scope, recordActor(event).userId, id, input))
})
