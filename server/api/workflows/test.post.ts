import { unsavedTestRunSchema } from '#shared/workflows'
import { dryRun } from '#server/services/automation/runs'

// A dry run of a workflow not saved yet (the builder's new workflow) against a record: what each
// step would do. Nothing is written and nothing is sent.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'workflows:write')
  const { definition, recordId } = await parseBody(event, unsavedTestRunSchema)
  return withTenant(event, scope => dryRun(scope, recordActor(event), definition, recordId))
})
