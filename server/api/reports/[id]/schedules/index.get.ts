import { reportParamsSchema } from '#shared/schemas/reports'
import { listSchedules, shortestMinutes } from '#server/services/reports/schedules'

// A report's schedules, with each one's next time and last run, and how often the plan lets one
// run; for anyone who can open the report.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'reports:read')
  const user = reportUser(event)
  const { id } = await parseParams(event, reportParamsSchema)
  return withTenant(event, async scope => ({ items: await listSchedules(scope, user, id, reportScheduleContext(event)), shortestMinutes: await shortestMinutes(scope) }))
})
