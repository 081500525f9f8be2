import { forgotPasswordSchema } from '#shared/schemas/account'
import { requestPasswordReset } from '#server/services/identity/account'

// Public: mails a reset link if the account exists; the answer never says whether it does.
export default defineEventHandler(async (event) => {
  requireTenant(event)
  const { email } = await parseBody(event, forgotPasswordSchema)
  await requestPasswordReset(event, email)
  setResponseStatus(event, 202)
  return { ok: true }
})
