import { recordCreateSchemas, recordTypeParamsSchema } from '#shared/schemas/records'
import { createRecord } from '#server/services/crm/records/write'
import { requireRecordAccess } from '#server/utils/record-access'

export default defineEventHandler(async (event) => {
  const { type } = await parseParams(event, recordTypeParamsSchema)
  requireRecordAccess(event, type, 'write')
  const input = await parseBody(event, recordCreateSchemas[type])
  const row = await withTenant(event, scope => createRecord(scope, recordActor(event), type, input))
  setResponseStatus(event, 201)
  return row
})
