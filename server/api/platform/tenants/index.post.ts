import { tenantCreateSchema } from '#shared/schemas/platform'
import { createTenant } from '#server/services/platform/tenant-lifecycle'
import { invitationMail } from '#server/services/identity/account'

// Creates a workspace with its first admin invited (super admins, or the operations token).
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const input = await parseBody(event, tenantCreateSchema)
  const { created, invitation } = await createTenant(platformRunner(event), input, requestOrigin(event))
  // Mailed after the commit, from the new workspace's own address (mail needs the request).
  await sendMail(event, await invitationMail(invitation.target.tenant, invitation.target.origin, 'Your provider', invitation.to, invitation.token))
  setResponseStatus(event, 201)
  return created
})
