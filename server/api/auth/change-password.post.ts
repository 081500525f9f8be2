import { changePasswordSchema } from '#shared/schemas/account'
import { changePassword } from '#server/services/identity/account'

// The signed-in user changes their own password; their other sessions end.
export default defineEventHandler(async (event) => {
  const principal = requireUser(event)
  refuseWhileImpersonating(event, 'change the password')
  const { currentPassword, newPassword } = await parseBody(event, changePasswordSchema)
  await withTenant(event, scope => changePassword(scope, principal, currentPassword, newPassword))
  return { ok: true }
})
