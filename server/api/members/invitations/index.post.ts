import { inviteSchema } from '#shared/schemas/account'
import { inviteMember, sendInvitation } from '#server/services/identity/account'

export default defineEventHandler(async (event) => {
  // The mail names who invited: a person, or the API key's name.
  const inviter = requirePermission(event, 'members:write')
  const input = await parseBody(event, inviteSchema)
  const { invited, token } = await withTenant(event, scope => inviteMember(scope, input))
  await sendInvitation(event, inviter.name, input.email, token) // once the invitation has committed
  setResponseStatus(event, 201)
  return invited
})
