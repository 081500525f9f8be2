import { resetPasswordSchema } from '#shared/schemas/account'
import { resetPassword } from '#server/services/identity/account'

// Public: the single-use token from the mail is the credential.
export default defineEventHandler(async (event) => {
  requireTenant(event)
  const { token, password } = await parseBody(event, resetPasswordSchema)
  await resetPassword(signInRequest(event), token, password)
  return { ok: true }
})
