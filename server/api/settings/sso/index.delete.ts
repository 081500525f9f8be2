import { deleteSsoSettings } from '#server/services/identity/sso'

// Removes single sign-on.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  await withTenant(event, deleteSsoSettings)
  await invalidateTenant(requireTenant(event).id) // after the commit
  setResponseStatus(event, 204)
  return null
})
