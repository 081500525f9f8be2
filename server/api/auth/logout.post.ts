import { signOut } from '#server/services/identity/auth'
import { signOutPlatformAdmin } from '#server/services/platform/auth'

// Public: ends this request's session (if any) and clears the cookie.
export default defineEventHandler(async (event) => {
  if (requireSite(event).kind === 'platform') {
    const principal = event.context.platformAdmin
    if (principal) await signOutPlatformAdmin(requestFacts(event), principal)
  }
  else {
    const principal = event.context.principal
    if (principal?.kind === 'user') await withTenant(event, scope => signOut(scope, principal))
  }
  clearSessionCookie(event)
  return { ok: true }
})
