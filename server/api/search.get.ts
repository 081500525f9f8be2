import { searchQuerySchema } from '../../shared/schemas/search'
import { searchRecords } from '../services/search'

// Search across the record types this person may read in modules that are on (guard in
// server/utils/search-access.ts: no single permission covers several types).
export default defineEventHandler(async (event) => {
  const { actor, types } = requireSearchAccess(event)
  const query = await parseQuery(event, searchQuerySchema)
  return withTenant(event, scope => searchRecords(scope, actor, types, query))
})
