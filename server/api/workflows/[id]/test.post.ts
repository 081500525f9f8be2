import { testRunSchema, workflowParamsSchema } from '#shared/workflows'
import { dryRun } from '#server/services/automation/runs'
import { definitionAt, findWorkflow } from '#server/services/automation/workflows'

// A dry run of the saved definition (or of the one being edited) against a record: what each step
// would do. Nothing is written and nothing is sent.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'workflows:write')
  const { id } = await parseParams(event, workflowParamsSchema)
  const input = await parseBody(event, testRunSchema)
  return withTenant(event, async (scope) => {
    const wf = await findWorkflow(scope, id)
    const def = input.definition ?? (await definitionAt(scope, id, wf.version))!
    return dryRun(scope, recordActor(event), def, input.recordId)
  })
})
