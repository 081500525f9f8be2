import { endAllMySessions } from '#server/services/identity/my-sessions'

// "Sign out everywhere": ends every session of the signed-in user, this one included.
export default defineEventHandler(async (event) => {
  const principal = requireUser(event)
  refuseWhileImpersonating(event, 'sign out everywhere')
  const revoked = await withTenant(event, scope => endAllMySessions(scope, principal))
  clearSessionCookie(event)
  return { revoked }
})
