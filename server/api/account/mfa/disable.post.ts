import { mfaDisableSchema } from '#shared/schemas/mfa'
import { disableMfa } from '#server/services/identity/mfa'

// Turns two-factor off, after the password is confirmed.
export default defineEventHandler(async (event) => {
  const principal = requireUser(event)
  refuseWhileImpersonating(event, 'turn off two-factor sign-in')
  const { password } = await parseBody(event, mfaDisableSchema)
  await withTenant(event, scope => disableMfa(scope, principal, password))
  return { ok: true }
})
