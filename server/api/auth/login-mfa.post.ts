import { mfaLoginSchema } from '../../../shared/auth'
import { completeMfaChallenge } from '../../services/mfa'

// Public: the second step of a sign-in with two-factor (the challenge from step one is the credential).
export default defineEventHandler(async (event) => {
  requireTenant(event)
  const input = await parseBody(event, mfaLoginSchema)
  const { token, sessionId, user } = await completeMfaChallenge(event, input)
  setSessionCookie(event, token)
  return { token: sessionId, user }
})
