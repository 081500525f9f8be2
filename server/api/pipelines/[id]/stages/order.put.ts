import { pipelineParamsSchema, stageOrderSchema } from '#shared/schemas/pipelines'
import { reorderStages } from '#server/services/crm/pipelines'

// `{ stageIds }`: every stage of the pipeline, each once, in the new order.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'deals:admin')
  const { id } = await parseParams(event, pipelineParamsSchema)
  const { stageIds } = await parseBody(event, stageOrderSchema)
  return withTenant(event, scope => reorderStages(scope, recordActor(event), id, stageIds))
})
