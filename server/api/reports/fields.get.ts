import { reportFieldsQuerySchema } from '#shared/schemas/reports'
import { fieldCatalogue } from '#server/services/reports/reports'

// What the report builder offers over a record type for this person: fields (related ones they read) and filters.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'reports:read')
  const user = reportUser(event)
  const { source } = await parseQuery(event, reportFieldsQuerySchema)
  return withTenant(event, scope => fieldCatalogue(scope, user, source))
})
