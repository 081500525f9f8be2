import { recordParamsSchema } from '../../../../../shared/schemas/records'
import { recordActor } from '../../../../services/records/visibility'
import { restoreRecord } from '../../../../services/records/write'
import { requireRecordAccess } from '../../../../utils/record-access'

export default defineEventHandler(async (event) => {
  const { type, id } = await parseParams(event, recordParamsSchema)
  requireRecordAccess(event, type, 'delete')
  return withTenant(event, scope => restoreRecord(event, scope, recordActor(event), type, id))
})
