import { bulkInviteSchema } from '#shared/schemas/account'
import { invitationMail, inviteMembers } from '#server/services/identity/account'

// Invites a pasted list of addresses with one role: all of them, or (on any bad line or too few seats) none.
export default defineEventHandler(async (event) => {
  const inviter = requirePermission(event, 'members:write')
  const input = await parseBody(event, bulkInviteSchema)
  const { result, invitations } = await withTenant(event, scope => inviteMembers(scope, input))
  for (const invitation of invitations) await sendMail(event, await invitationMail(requireTenant(event), requestOrigin(event), inviter.name, invitation.email, invitation.token))
  return result
})
