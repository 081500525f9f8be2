import { runParamsSchema } from '#shared/report-schedules'
import { runFile } from '#server/services/reports/delivery'

// The file a run delivered, while it is kept, for someone who can open the report and export it.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'reports:export')
  const user = reportUser(event)
  const { id, runId } = await parseParams(event, runParamsSchema)
  return sendReportFile(event, await withTenant(event, scope => runFile(scope, user, id, runId)))
})
