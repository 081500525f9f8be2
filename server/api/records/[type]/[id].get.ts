import { recordParamsSchema } from '#shared/schemas/records'
import { findRecord, presentRows } from '#server/services/crm/records/read'
import { requireRecordAccess } from '#server/utils/record-access'

export default defineEventHandler(async (event) => {
  const { type, id } = await parseParams(event, recordParamsSchema)
  requireRecordAccess(event, type, 'read')
  const actor = recordActor(event)
  return withTenant(event, async scope => (await presentRows(scope, actor, type, [await findRecord(scope, actor, type, id)]))[0])
})
