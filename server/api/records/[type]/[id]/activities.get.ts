import { activityQuerySchema, recordParamsSchema } from '#shared/schemas/records'
import { listActivities } from '#server/services/crm/records/activities'
import { requireRecordAccess } from '#server/utils/record-access'

// A record's timeline, newest first.
export default defineEventHandler(async (event) => {
  const { type, id } = await parseParams(event, recordParamsSchema)
  requireRecordAccess(event, type, 'read')
  const query = await parseQuery(event, activityQuerySchema)
  return withTenant(event, scope => listActivities(scope, recordActor(event), type, id, query))
})
