import { activityCreateSchema, recordParamsSchema } from '#shared/schemas/records'
import { logActivity } from '#server/services/crm/records/activities'
import { requireRecordAccess } from '#server/utils/record-access'

// Logs a note, call, email or meeting on a record's timeline.
export default defineEventHandler(async (event) => {
  const { type, id } = await parseParams(event, recordParamsSchema)
  requireRecordAccess(event, type, 'write')
  const input = await parseBody(event, activityCreateSchema)
  const row = await withTenant(event, scope => logActivity(scope, recordActor(event), type, id, input))
  setResponseStatus(event, 201)
  return row
})
