import { reportParamsSchema } from '#shared/schemas/reports'
import { deleteReport } from '#server/services/reports/reports'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'reports:write')
  const user = reportUser(event)
  const { id } = await parseParams(event, reportParamsSchema)
  await withTenant(event, scope => deleteReport(scope, user, id))
  setResponseStatus(event, 204)
  return null
})
