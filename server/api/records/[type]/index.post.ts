import { recordCreateSchemas, recordTypeParamsSchema } from '../../../../shared/schemas/records'
import { recordActor } from '../../../services/records/visibility'
import { createRecord } from '../../../services/records/write'
import { requireRecordAccess } from '../../../utils/record-access'

export default defineEventHandler(async (event) => {
  const { type } = await parseParams(event, recordTypeParamsSchema)
  requireRecordAccess(event, type, 'write')
  const input = await parseBody(event, recordCreateSchemas[type])
  const row = await withTenant(event, scope => createRecord(event, scope, recordActor(event), type, input))
  setResponseStatus(event, 201)
  return row
})
