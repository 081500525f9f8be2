import { customFieldCreateSchema } from '#shared/schemas/records'
import { createCustomField } from '#server/services/crm/records/custom-fields'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:write')
  const input = await parseBody(event, customFieldCreateSchema)
  const row = await withTenant(event, scope => createCustomField(scope, input))
  setResponseStatus(event, 201)
  return row
})
