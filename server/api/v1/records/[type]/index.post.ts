import type { RecordCreate } from '#shared/schemas/records'
import type { RecordType } from '#shared/records'
import { createRecord } from '#server/services/crm/records/write'

export default defineEventHandler(async (event) => {
  const request = await v1Input<unknown, unknown, RecordCreate<RecordType>>(event, 'POST /records/{type}')
  const row = await withTenant(event, scope => createRecord(scope, recordActor(event), request.type, request.body))
  return v1Answer(event, request, row)
})
