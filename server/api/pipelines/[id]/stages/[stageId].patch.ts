import { stageParamsSchema, stagePatchSchema } from '#shared/schemas/pipelines'
import { updateStage } from '#server/services/crm/pipelines'

// Name, probability, kind (a kind change carries the stage's deals' status with it).
export default defineEventHandler(async (event) => {
  requirePermission(event, 'deals:admin')
  const { id, stageId } = await parseParams(event, stageParamsSchema)
  const patch = await parseBody(event, stagePatchSchema)
  return withTenant(event, scope => updateStage(scope, recordActor(event), id, stageId, patch))
})
