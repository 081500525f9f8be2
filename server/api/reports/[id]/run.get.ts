import { reportParamsSchema, reportRunQuerySchema } from '#shared/schemas/reports'
import { showReport } from '#server/services/reports/reports'

// A saved report on screen for this person (their rows and columns), or one group's records (`drill`);
// `rows` asks for fewer rows (a dashboard widget shows the first few).
export default defineEventHandler(async (event) => {
  requirePermission(event, 'reports:read')
  const user = reportUser(event)
  const { id } = await parseParams(event, reportParamsSchema)
  const { drill, rows } = await parseQuery(event, reportRunQuerySchema)
  return withTenant(event, scope => showReport(scope, user, id, drill, rows))
})
