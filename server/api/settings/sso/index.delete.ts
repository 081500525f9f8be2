import { deleteSsoSettings } from '#server/services/identity/sso'

// Removes single sign-on.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  await deleteSsoSettings(event)
  setResponseStatus(event, 204)
  return null
})
