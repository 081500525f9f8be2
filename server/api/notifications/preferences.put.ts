import { notificationPreferencesSchema } from '#shared/notifications'
import { setPreferences } from '#server/services/notifications/notifications'

// Changes how you are told about the kinds given; the others stay as they were.
export default defineEventHandler(async (event) => {
  const principal = requireUser(event)
  const body = await parseBody(event, notificationPreferencesSchema)
  return withTenant(event, scope => setPreferences(scope, principal.id, body))
})
