import { recordTypeParamsSchema } from '#shared/schemas/records'
import { cachedListPage } from '#server/services/crm/records/page-cache'
import { listRecords } from '#server/services/crm/records/read'
import { requireRecordAccess } from '#server/utils/record-access'

// One page of a record list; filters, sort and cursor are checked against the catalogue.
// Pages are served from the revision-keyed cache when nothing they show has changed.
export default defineEventHandler(async (event) => {
  const { type } = await parseParams(event, recordTypeParamsSchema)
  requireRecordAccess(event, type, 'read')
  const actor = recordActor(event)
  const query = readQuery(event)
  const page = await cachedListPage(requireTenant(event).id, actor, type, query, known => withTenant(event, scope => listRecords(scope, actor, type, query, known)))
  setResponseHeader(event, 'content-type', 'application/json; charset=utf-8')
  return page
})
