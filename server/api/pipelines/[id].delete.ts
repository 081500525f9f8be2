import { pipelineParamsSchema } from '#shared/schemas/pipelines'
import { deletePipeline } from '#server/services/crm/pipelines'

// 409 for the default pipeline and while deals are in it.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'deals:admin')
  const { id } = await parseParams(event, pipelineParamsSchema)
  return withTenant(event, scope => deletePipeline(scope, id))
})
