import { setResponseStatus } from 'h3'
import { scheduleParamsSchema } from '#shared/report-schedules'
import { queueReports } from '#server/services/reports/delivery'
import { queueRunNow } from '#server/services/reports/schedules'

// "Send now": a run of the schedule made at once by the report job; answers the queued run (202).
export default defineEventHandler(async (event) => {
  requirePermission(event, 'reports:export')
  const user = reportUser(event)
  const tenant = requireTenant(event)
  const { id, scheduleId } = await parseParams(event, scheduleParamsSchema)
  const run = await withTenant(event, scope => queueRunNow(scope, user, id, scheduleId, reportScheduleContext(event)))
  await queueReports(tenant.id)
  setResponseStatus(event, 202)
  return run
})
