import { getPreferences } from '#server/services/notifications/notifications'

// How you want to be told, per kind: in the app, by email, both, or not at all.
export default defineEventHandler((event) => {
  const principal = requireUser(event)
  return withTenant(event, scope => getPreferences(scope, principal.id))
})
