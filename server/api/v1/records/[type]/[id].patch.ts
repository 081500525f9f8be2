import type { RecordPatch } from '#shared/schemas/records'
import type { RecordType } from '#shared/records'
import { updateRecord } from '#server/services/crm/records/write'

// An edit names the version it read; a newer version answers 409 STALE and writes nothing.
export default defineEventHandler(async (event) => {
  const request = await v1Input<{ id: string }, unknown, RecordPatch<RecordType>>(event, 'PATCH /records/{type}/{id}')
  const row = await withTenant(event, scope => updateRecord(scope, recordActor(event), request.type, request.params.id, request.body))
  return v1Answer(event, request, row)
})
