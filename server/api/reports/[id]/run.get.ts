import { reportParamsSchema, reportRunQuerySchema } from '#shared/schemas/reports'
import { showReport } from '#server/services/reports/reports'

// A saved report on screen for this person (their rows and columns), or one group's records (`drill`).
export default defineEventHandler(async (event) => {
  requirePermission(event, 'reports:read')
  const user = reportUser(event)
  const { id } = await parseParams(event, reportParamsSchema)
  const { drill } = await parseQuery(event, reportRunQuerySchema)
  return withTenant(event, scope => showReport(scope, user, id, drill))
})
