import { bulkInviteSchema } from '#shared/schemas/account'
import { inviteMembers } from '#server/services/identity/account'

// Invites a pasted list of addresses with one role: all of them, or (on any bad line or too few seats) none.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'members:write')
  const input = await parseBody(event, bulkInviteSchema)
  return inviteMembers(event, input)
})
