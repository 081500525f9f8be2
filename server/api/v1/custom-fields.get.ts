import type { RecordType } from '#shared/records'
import { listCustomFields } from '#server/services/crm/records/custom-fields'

// The workspace's custom fields: the keys of every record's `custom` values.
export default defineEventHandler(async (event) => {
  const request = await v1Input<unknown, { recordType?: RecordType }>(event, 'GET /custom-fields')
  const items = await withTenant(event, scope => listCustomFields(scope, request.query.recordType))
  return v1Answer(event, request, { items })
})
