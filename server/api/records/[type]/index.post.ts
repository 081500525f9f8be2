import { recordCreateSchemas, recordTypeParamsSchema } from '#shared/schemas/records'
import { recordActor } from '#server/services/crm/records/visibility'
import { createRecord } from '#server/services/crm/records/write'
import { requireRecordAccess } from '#server/utils/record-access'

export default defineEventHandler(async (event) => {
  const { type } = await parseParams(event, recordTypeParamsSchema)
  requireRecordAccess(event, type, 'write')
  const input = await parseBody(event, recordCreateSchemas[type])
  const row = await withTenant(event, scope => createRecord(event, scope, recordActor(event), type, input))
  setResponseStatus(event, 201)
  return row
})
