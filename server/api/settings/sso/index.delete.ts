import { deleteSsoSettings } from '../../../services/sso'

// Removes single sign-on.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  await deleteSsoSettings(event)
  setResponseStatus(event, 204)
  return null
})
