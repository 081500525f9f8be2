import { dealMoveSchema } from '#shared/schemas/pipelines'
import { recordParamsSchema } from '#shared/schemas/records'
import { moveDeal } from '#server/services/crm/deal-moves'

// The board's move: `{ stageId, version, lostReason? }` → the updated deal (409 STALE when it moved on).
export default defineEventHandler(async (event) => {
  requirePermission(event, 'deals:write')
  const { id } = await parseParams(event, recordParamsSchema.omit({ type: true }))
  const input = await parseBody(event, dealMoveSchema)
  return withTenant(event, scope => moveDeal(scope, recordActor(event), id, input))
})
