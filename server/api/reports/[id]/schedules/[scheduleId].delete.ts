import { setResponseStatus } from 'h3'
import { scheduleParamsSchema } from '#shared/report-schedules'
import { deleteSchedule } from '#server/services/reports/schedules'

// Deletes a schedule (its maker or a reports admin); its runs stay in the report's history.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'reports:export')
  const user = reportUser(event)
  const { id, scheduleId } = await parseParams(event, scheduleParamsSchema)
  await withTenant(event, scope => deleteSchedule(scope, user, id, scheduleId, reportScheduleContext(event)))
  setResponseStatus(event, 204)
  return null
})
