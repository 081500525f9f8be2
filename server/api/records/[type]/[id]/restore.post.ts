import { recordParamsSchema } from '#shared/schemas/records'
import { recordActor } from '#server/services/crm/records/visibility'
import { restoreRecord } from '#server/services/crm/records/write'
import { requireRecordAccess } from '#server/utils/record-access'

export default defineEventHandler(async (event) => {
  const { type, id } = await parseParams(event, recordParamsSchema)
  requireRecordAccess(event, type, 'delete')
  return withTenant(event, scope => restoreRecord(event, scope, recordActor(event), type, id))
})
