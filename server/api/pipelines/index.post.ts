import { pipelineCreateSchema } from '#shared/schemas/pipelines'
import { createPipeline } from '#server/services/crm/pipelines'
import { recordActor } from '#server/services/crm/records/visibility'

export default defineEventHandler(async (event) => {
  requireFeature(event, 'crm')
  requirePermission(event, 'deals:admin')
  const input = await parseBody(event, pipelineCreateSchema)
  const pipeline = await withTenant(event, scope => createPipeline(event, scope, recordActor(event), input))
  setResponseStatus(event, 201)
  return pipeline
})
