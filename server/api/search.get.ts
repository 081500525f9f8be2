import { searchQuerySchema } from '../../shared/schemas/search'
import { searchRecords } from '../services/search'
import { recordActor } from '../services/records/visibility'

// Search across the record types this person may read in modules that are on (guard in
// server/utils/search-access.ts: no single permission covers several types), within what their
// role's record scope lets them see.
export default defineEventHandler(async (event) => {
  const { types } = requireSearchAccess(event)
  const query = await parseQuery(event, searchQuerySchema)
  return withTenant(event, scope => searchRecords(scope, recordActor(event), types, query))
})
