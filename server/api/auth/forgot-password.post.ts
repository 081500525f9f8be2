import { forgotPasswordSchema } from '#shared/schemas/account'
import { passwordResetMail, requestPasswordReset } from '#server/services/identity/account'

// Public: mails a reset link if the account exists; the answer never says whether it does.
// Rate-limited per address and per IP (429 with Retry-After), so it cannot be used to flood a mailbox.
export default defineEventHandler(async (event) => {
  const tenant = requireTenant(event)
  const { email } = await parseBody(event, forgotPasswordSchema)
  await limitResetMails(event, tenant.id, email)
  const token = await withTenant(event, scope => requestPasswordReset(scope, email))
  if (token) await sendMail(event, await passwordResetMail(tenant, requestOrigin(event), email, token))
  setResponseStatus(event, 202)
  return { ok: true }
})
