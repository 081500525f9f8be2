import { approvalsQuerySchema } from '#shared/approvals'
import { listApprovals } from '#server/services/automation/approvals'
import { readRecord } from '#server/services/crm/records/read'

// The Approvals inbox (what waits for me, or what I decided); with `recordId`, a record's approval
// history, for those who may see the record.
export default defineEventHandler(async (event) => {
  const user = requireUser(event)
  const query = await parseQuery(event, approvalsQuerySchema)
  return withTenant(event, async (scope) => {
    if (query.recordId) {
      if (!query.recordType) throw apiError(400, 'VALIDATION_FAILED', 'Invalid query: recordType goes with recordId', [{ path: 'recordType', message: 'goes with recordId' }])
      requireRecordAccess(event, query.recordType, 'read')
      await readRecord(scope, recordActor(event), query.recordType, query.recordId)
    }
    return listApprovals(scope, user.id, query)
  })
})
