import { recordParamsSchema } from '#shared/schemas/records'
import { restoreRecord } from '#server/services/crm/records/write'
import { requireRecordAccess } from '#server/utils/record-access'

export default defineEventHandler(async (event) => {
  const { type, id } = await parseParams(event, recordParamsSchema)
  requireRecordAccess(event, type, 'delete')
  return withTenant(event, scope => restoreRecord(scope, recordActor(event), type, id))
})
