import { acceptInvitationSchema } from '#shared/schemas/account'
import { acceptInvitation } from '#server/services/identity/account'

// Public: the single-use invitation token is the credential; accepting signs the new member in.
export default defineEventHandler(async (event) => {
  requireTenant(event)
  const input = await parseBody(event, acceptInvitationSchema)
  const { token, sessionId, user } = await acceptInvitation(signInRequest(event), input)
  setSessionCookie(event, token)
  return { token: sessionId, user }
})
