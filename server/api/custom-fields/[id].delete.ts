import { customFieldParamsSchema } from '#shared/schemas/records'
import { deleteCustomField } from '#server/services/crm/records/custom-fields'

// Removes the field and its values from every record of its type.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:write')
  const { id } = await parseParams(event, customFieldParamsSchema)
  await withTenant(event, scope => deleteCustomField(scope, id))
  setResponseStatus(event, 204)
  return null
})
