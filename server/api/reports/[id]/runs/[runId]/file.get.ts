import { runParamsSchema } from '#shared/report-schedules'
import { getReport } from '#server/services/reports/reports'
import { runFile } from '#server/services/reports/delivery'

// The file a run delivered, while it is kept, for someone who can open the report and export it.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'reports:export')
  const user = reportUser(event)
  const { id, runId } = await parseParams(event, runParamsSchema)
  const file = await withTenant(event, async (scope) => {
    await getReport(scope, user, id)
    return runFile(scope, id, runId)
  })
  return sendReportFile(event, file)
})
