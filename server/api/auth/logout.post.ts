import { signOut } from '../../services/auth'
import { signOutPlatformAdmin } from '../../services/platform-auth'

// Public: ends this request's session (if any) and clears the cookie.
export default defineEventHandler(async (event) => {
  if (requireSite(event).kind === 'platform') await signOutPlatformAdmin(event)
  else await signOut(event)
  clearSessionCookie(event)
  return { ok: true }
})
