import { pipelineCreateSchema } from '#shared/schemas/pipelines'
import { createPipeline } from '#server/services/crm/pipelines'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'deals:admin')
  const input = await parseBody(event, pipelineCreateSchema)
  const pipeline = await withTenant(event, scope => createPipeline(scope, recordActor(event), input))
  setResponseStatus(event, 201)
  return pipeline
})
