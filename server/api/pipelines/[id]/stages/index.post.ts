import { pipelineParamsSchema, stageCreateSchema } from '#shared/schemas/pipelines'
import { createStage } from '#server/services/crm/pipelines'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'deals:admin')
  const { id } = await parseParams(event, pipelineParamsSchema)
  const input = await parseBody(event, stageCreateSchema)
  const pipeline = await withTenant(event, scope => createStage(scope, recordActor(event), id, input))
  setResponseStatus(event, 201)
  return pipeline
})
