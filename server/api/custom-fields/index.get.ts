import { customFieldQuerySchema } from '#shared/schemas/records'
import { listCustomFields } from '#server/services/crm/records/custom-fields'

// The tenant's custom fields: forms and lists of every member need them, so any signed-in member may read.
export default defineEventHandler(async (event) => {
  requireUser(event)
  const { recordType } = await parseQuery(event, customFieldQuerySchema)
  return withTenant(event, scope => listCustomFields(scope, recordType))
})
