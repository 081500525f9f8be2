import { mfaDisableSchema } from '#shared/schemas/mfa'
import { disableMfa } from '#server/services/identity/mfa'

// Turns two-factor off, after the password is confirmed.
export default defineEventHandler(async (event) => {
  requireUser(event)
  refuseWhileImpersonating(event, 'turn off two-factor sign-in')
  const { password } = await parseBody(event, mfaDisableSchema)
  await disableMfa(event, password)
  return { ok: true }
})
