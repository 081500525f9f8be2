import { recordParamsSchema, recordPatchSchemas } from '#shared/schemas/records'
import { updateRecord } from '#server/services/crm/records/write'
import { requireRecordAccess } from '#server/utils/record-access'

// An edit names the version it read; a newer version answers 409 STALE with the current record.
export default defineEventHandler(async (event) => {
  const { type, id } = await parseParams(event, recordParamsSchema)
  requireRecordAccess(event, type, 'write')
  const input = await parseBody(event, recordPatchSchemas[type])
  return withTenant(event, scope => updateRecord(scope, recordActor(event), type, id, input))
})
