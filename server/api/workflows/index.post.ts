import { workflowInputSchema } from '#shared/workflows'
import { createWorkflow } from '#server/services/automation/workflows'

// Saves a new workflow, switched off; 422 with each problem of its definition.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'workflows:write')
  const input = await parseBody(event, workflowInputSchema)
  const workflow = await withTenant(event, scope => createWorkflow(scope, recordActor(event).userId, input))
  setResponseStatus(event, 201)
  return workflow
})
