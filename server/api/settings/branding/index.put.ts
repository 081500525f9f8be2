import { brandingSchema } from '#shared/schemas/branding'
import { updateBranding } from '#server/services/workspace/branding'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  const theme = await parseBody(event, brandingSchema)
  return updateBranding(tenantRunner(event), theme)
})
