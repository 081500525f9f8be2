import { customFieldParamsSchema, customFieldPatchSchema } from '#shared/schemas/records'
import { updateCustomField } from '#server/services/crm/records/custom-fields'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:write')
  const { id } = await parseParams(event, customFieldParamsSchema)
  const patch = await parseBody(event, customFieldPatchSchema)
  return withTenant(event, scope => updateCustomField(scope, id, patch))
})
