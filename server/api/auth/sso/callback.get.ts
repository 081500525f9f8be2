import { ssoCallbackQuerySchema } from '#shared/schemas/sso'
import { finishSso } from '#server/services/identity/sso'

// Public: the identity provider sends the person back here with a code (checked against the
// sealed flow cookie). Success signs in and goes on; failure is a branded 400 page, audited.
export default defineEventHandler(async (event) => {
  const tenant = requireTenant(event)
  const query = await parseQuery(event, ssoCallbackQuerySchema)
  const outcome = query.error
    ? { failed: `The identity provider declined the sign-in${query.error_description ? `: ${query.error_description}` : ` (${query.error})`}.` }
    : await finishSso(signInRequest(event), { sealedFlow: takeSsoFlowCookie(event), url: ssoCallbackHere(event) })
  if ('failed' in outcome) {
    setResponseStatus(event, 400)
    setHeader(event, 'content-type', 'text/html; charset=utf-8')
    return ssoFailedPage(tenant, outcome.failed, cspNonce(event))
  }
  setSessionCookie(event, outcome.token)
  return sendRedirect(event, outcome.redirect, 302)
})
