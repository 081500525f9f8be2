import { signOut } from '../../services/auth'

// Public: ends this request's session (if any) and clears the cookie.
export default defineEventHandler(async (event) => {
  requireTenant(event)
  await signOut(event)
  clearSessionCookie(event)
  return { ok: true }
})
