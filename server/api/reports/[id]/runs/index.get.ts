import { reportRunsQuerySchema } from '#shared/report-schedules'
import { reportParamsSchema } from '#shared/schemas/reports'
import { listRuns } from '#server/services/reports/schedules'

// A report's run history (scheduled and "send now"), newest first, a page at a time.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'reports:read')
  const user = reportUser(event)
  const { id } = await parseParams(event, reportParamsSchema)
  const query = await parseQuery(event, reportRunsQuerySchema)
  return withTenant(event, scope => listRuns(scope, user, id, query))
})
