import { generalSettingsSchema } from '#shared/schemas/workspace'
import { updateGeneralSettings } from '#server/services/workspace/general'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  const input = await parseBody(event, generalSettingsSchema)
  return updateGeneralSettings(tenantRunner(event), input)
})
