import { ssoSettingsSchema } from '#shared/schemas/sso'
import { saveSsoSettings } from '#server/services/identity/sso'

// Sets up or changes single sign-on; the client secret is sealed at rest.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  return saveSsoSettings(event, await parseBody(event, ssoSettingsSchema))
})
