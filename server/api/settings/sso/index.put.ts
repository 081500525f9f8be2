import { ssoSettingsSchema } from '#shared/schemas/sso'
import { saveSsoSettings } from '#server/services/identity/sso'

// Sets up or changes single sign-on; the client secret is sealed at rest.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  const input = await parseBody(event, ssoSettingsSchema)
  const saved = await withTenant(event, scope => saveSsoSettings(scope, input, ssoCallbackUrl(event)))
  await invalidateTenant(requireTenant(event).id) // after the commit
  return saved
})
