import { invitationQuerySchema } from '#shared/schemas/account'
import { invitationDetails } from '#server/services/identity/account'

// Public: the invitation's single-use token is the credential; looking does not use it up.
export default defineEventHandler(async (event) => {
  const { token } = await parseQuery(event, invitationQuerySchema)
  return withTenant(event, scope => invitationDetails(scope, token))
})
