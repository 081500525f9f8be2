import { listPipelines } from '#server/services/crm/pipelines'

// The pipelines with their stages in order (the board, deal forms, Settings → Pipelines).
export default defineEventHandler(async (event) => {
  requirePermission(event, 'deals:read')
  return withTenant(event, scope => listPipelines(scope, recordActor(event)))
})
