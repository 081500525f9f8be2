import { getQuery } from 'h3'
import { recordTypeParamsSchema } from '../../../../shared/schemas/records'
import { listRecords } from '../../../services/records/read'
import { recordActor } from '../../../services/records/visibility'
import { requireRecordAccess } from '../../../utils/record-access'

// One page of a record list; filters, sort and cursor are checked against the catalogue.
export default defineEventHandler(async (event) => {
  const { type } = await parseParams(event, recordTypeParamsSchema)
  requireRecordAccess(event, type, 'read')
  return withTenant(event, scope => listRecords(scope, recordActor(event), type, getQuery(event)))
})
