import { pipelineParamsSchema, pipelineSummaryQuerySchema } from '#shared/schemas/pipelines'
import { pipelineSummary } from '#server/services/crm/pipelines'

// The board's column headers: deals and amounts per stage that the reader sees.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'deals:read')
  const { id } = await parseParams(event, pipelineParamsSchema)
  const query = await parseQuery(event, pipelineSummaryQuerySchema)
  return withTenant(event, scope => pipelineSummary(scope, recordActor(event), id, query))
})
