import { setResponseStatus } from 'h3'
import { scheduleCreateSchema } from '#shared/report-schedules'
import { reportParamsSchema } from '#shared/schemas/reports'
import { createSchedule } from '#server/services/reports/schedules'

// Schedules a report: its cadence and zone, format and recipients (a schedule makes files: reports:export).
export default defineEventHandler(async (event) => {
  requirePermission(event, 'reports:export')
  const user = reportUser(event)
  const { id } = await parseParams(event, reportParamsSchema)
  const input = await parseBody(event, scheduleCreateSchema)
  const created = await withTenant(event, scope => createSchedule(scope, user, id, input, reportScheduleContext(event)))
  setResponseStatus(event, 201)
  return created
})
