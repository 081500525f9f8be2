import { searchQuerySchema } from '#shared/schemas/search'
import { searchRecords } from '#server/services/crm/search'
import { cachedSearch } from '#server/services/crm/records/page-cache'

// Search across the record types this person may read in modules that are on (guard in
// server/utils/search-access.ts: no single permission covers several types), within what their
// role's record scope lets them see. Answers come from the revision-keyed cache when no record
// of those types has changed since.
export default defineEventHandler(async (event) => {
  const { types } = requireSearchAccess(event)
  const query = await parseQuery(event, searchQuerySchema)
  const actor = recordActor(event)
  const answer = await cachedSearch(requireTenant(event).id, actor, types, query, () => withTenant(event, scope => searchRecords(scope, actor, types, query)))
  setResponseHeader(event, 'content-type', 'application/json; charset=utf-8')
  return answer
})
