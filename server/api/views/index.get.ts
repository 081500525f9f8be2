import { savedViewQuerySchema } from '#shared/schemas/records'
import { listSavedViews } from '#server/services/crm/saved-views'

// The signed-in person's saved views of one list.
export default defineEventHandler(async (event) => {
  const user = requireUser(event)
  const { recordType } = await parseQuery(event, savedViewQuerySchema)
  return withTenant(event, scope => listSavedViews(scope, user.id, recordType))
})
