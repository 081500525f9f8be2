import { reportCreateSchema } from '#shared/schemas/reports'
import { createReport } from '#server/services/reports/reports'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'reports:write')
  const user = reportUser(event)
  const input = await parseBody(event, reportCreateSchema)
  const report = await withTenant(event, scope => createReport(scope, user, input))
  setResponseStatus(event, 201)
  return report
})
