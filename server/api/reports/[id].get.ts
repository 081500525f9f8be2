import { reportParamsSchema } from '#shared/schemas/reports'
import { getReport } from '#server/services/reports/reports'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'reports:read')
  const user = reportUser(event)
  const { id } = await parseParams(event, reportParamsSchema)
  return withTenant(event, scope => getReport(scope, user, id))
})
