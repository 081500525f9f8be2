import { cachedListPage } from '#server/services/crm/records/page-cache'
import { listRecords } from '#server/services/crm/records/read'

// One page of a record list, as the app's list reads it (same filters, sort, cursor and cache).
export default defineEventHandler(async (event) => {
  const request = await v1Input<unknown, Record<string, unknown>>(event, 'GET /records/{type}')
  const { type, query } = request
  const actor = recordActor(event)
  const page = await cachedListPage(requireTenant(event).id, actor, type, query, known => withTenant(event, scope => listRecords(scope, actor, type, query, known)))
  return v1Answer(event, request, page)
})
