import { recordParamsSchema } from '../../../../shared/schemas/records'
import { findRecord, presentRows } from '../../../services/records/read'
import { recordActor } from '../../../services/records/visibility'
import { requireRecordAccess } from '../../../utils/record-access'

export default defineEventHandler(async (event) => {
  const { type, id } = await parseParams(event, recordParamsSchema)
  requireRecordAccess(event, type, 'read')
  const actor = recordActor(event)
  return withTenant(event, async scope => (await presentRows(scope, actor, type, [await findRecord(scope, actor, type, id)]))[0])
})
