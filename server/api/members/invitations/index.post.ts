import { inviteSchema } from '#shared/schemas/account'
import { invitationMail, inviteMember } from '#server/services/identity/account'

export default defineEventHandler(async (event) => {
  // The mail names who invited: a person, or the API key's name.
  const inviter = requirePermission(event, 'members:write')
  const input = await parseBody(event, inviteSchema)
  const { invited, token } = await withTenant(event, scope => inviteMember(scope, input))
  // Mailed once the invitation has committed, in this host's brand and from its address.
  await sendMail(event, await invitationMail(requireTenant(event), requestOrigin(event), inviter.name, input.email, token))
  setResponseStatus(event, 201)
  return invited
})
