import { reportParamsSchema, reportPatchSchema } from '#shared/schemas/reports'
import { updateReport } from '#server/services/reports/reports'

// Saves a changed report (name, definition, sharing) named by the version it was read at.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'reports:write')
  const user = reportUser(event)
  const { id } = await parseParams(event, reportParamsSchema)
  const input = await parseBody(event, reportPatchSchema)
  return withTenant(event, scope => updateReport(scope, user, id, input))
})
