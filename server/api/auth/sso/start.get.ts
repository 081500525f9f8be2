import { ssoStartQuerySchema } from '#shared/schemas/sso'
import { startSso } from '#server/services/identity/sso'

// Public: begins single sign-on on this workspace's host; the browser goes to the identity provider.
export default defineEventHandler(async (event) => {
  requireTenant(event)
  const { redirect } = await parseQuery(event, ssoStartQuerySchema)
  return sendRedirect(event, await startSso(event, redirect), 302)
})
