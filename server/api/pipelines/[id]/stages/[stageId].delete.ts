import { stageDeleteQuerySchema, stageParamsSchema } from '#shared/schemas/pipelines'
import { deleteStage } from '#server/services/crm/pipelines'

// 409 while deals are in the stage, unless ?moveTo=<stage> moves them there first.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'deals:admin')
  const { id, stageId } = await parseParams(event, stageParamsSchema)
  const { moveTo } = await parseQuery(event, stageDeleteQuerySchema)
  return withTenant(event, scope => deleteStage(scope, recordActor(event), id, stageId, moveTo))
})
