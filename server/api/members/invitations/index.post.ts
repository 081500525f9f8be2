import { inviteSchema } from '#shared/schemas/account'
import { inviteMember } from '#server/services/identity/account'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'members:write')
  const input = await parseBody(event, inviteSchema)
  const invited = await inviteMember(event, input)
  setResponseStatus(event, 201)
  return invited
})
