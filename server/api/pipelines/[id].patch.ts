import { pipelineParamsSchema, pipelinePatchSchema } from '#shared/schemas/pipelines'
import { updatePipeline } from '#server/services/crm/pipelines'

// Rename, or make it the default pipeline for new deals.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'deals:admin')
  const { id } = await parseParams(event, pipelineParamsSchema)
  const patch = await parseBody(event, pipelinePatchSchema)
  return withTenant(event, scope => updatePipeline(scope, recordActor(event), id, patch))
})
