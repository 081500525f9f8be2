import { reportFileParamsSchema, reportFileQuerySchema } from '#shared/report-schedules'
import { openReportFile } from '#server/services/reports/delivery'

// A scheduled report's file by the link in its mail or webhook event: the secret in the link is
// the credential (kept hashed); it works on its workspace's host while the file is kept.
export default defineEventHandler(async (event) => {
  requireFeature(event, 'reports')
  const { runId } = await parseParams(event, reportFileParamsSchema)
  const { token } = await parseQuery(event, reportFileQuerySchema)
  return sendReportFile(event, await withTenant(event, scope => openReportFile(scope, runId, token)))
})
