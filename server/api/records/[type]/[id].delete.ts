import { recordParamsSchema } from '#shared/schemas/records'
import { deleteRecord } from '#server/services/crm/records/write'
import { requireRecordAccess } from '#server/utils/record-access'

// Soft delete: restorable through POST …/restore (the list's undo).
export default defineEventHandler(async (event) => {
  const { type, id } = await parseParams(event, recordParamsSchema)
  requireRecordAccess(event, type, 'delete')
  return withTenant(event, scope => deleteRecord(scope, recordActor(event), type, id))
})
