import { ssoStartQuerySchema } from '#shared/schemas/sso'
import { startSso } from '#server/services/identity/sso'

// Public: begins single sign-on on this workspace's host; the browser goes to the identity provider.
export default defineEventHandler(async (event) => {
  const tenant = requireTenant(event)
  const { redirect } = await parseQuery(event, ssoStartQuerySchema)
  const { url, sealedFlow } = await startSso(tenant.id, redirect, ssoCallbackUrl(event))
  setSsoFlowCookie(event, sealedFlow)
  return sendRedirect(event, url, 302)
})
