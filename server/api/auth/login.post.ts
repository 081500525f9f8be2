import { loginSchema } from '../../../shared/auth'
import { signIn } from '../../services/auth'

// Public: signs in with email and password on this host's tenant. The secret goes only into the
// HttpOnly cookie; the body's `token` is the session's public id, all nuxt-auth needs to hold.
export default defineEventHandler(async (event) => {
  requireTenant(event)
  const input = await parseBody(event, loginSchema)
  const { token, sessionId, user } = await signIn(event, input)
  setSessionCookie(event, token)
  return { token: sessionId, user }
})
