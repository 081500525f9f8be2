import { recordBulkSchema, recordTypeParamsSchema } from '#shared/schemas/records'
import { bulkRecords } from '#server/services/crm/records/write'
import { requireRecordAccess } from '#server/utils/record-access'

// Assign, change status, delete or restore many records at once (all or nothing).
export default defineEventHandler(async (event) => {
  const { type } = await parseParams(event, recordTypeParamsSchema)
  const input = await parseBody(event, recordBulkSchema)
  requireRecordAccess(event, type, input.action === 'delete' || input.action === 'restore' ? 'delete' : 'write')
  return withTenant(event, scope => bulkRecords(scope, recordActor(event), type, input))
})
