import { scheduleParamsSchema, schedulePatchSchema } from '#shared/report-schedules'
import { updateSchedule } from '#server/services/reports/schedules'

// Changes a schedule (its maker or a reports admin); a change of when it runs counts from now.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'reports:export')
  const user = reportUser(event)
  const { id, scheduleId } = await parseParams(event, scheduleParamsSchema)
  const input = await parseBody(event, schedulePatchSchema)
  return withTenant(event, scope => updateSchedule(scope, user, id, scheduleId, input, reportScheduleContext(event)))
})
