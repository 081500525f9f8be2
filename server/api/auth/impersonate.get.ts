import { impersonationHandoffQuerySchema } from '#shared/schemas/impersonation'
import { redeemHandoff } from '#server/services/identity/impersonation'

// Public: the single-use hand-off link from the console, opened on the tenant's own host. Success
// sets the session cookie and goes to the workspace; a refused link is a small branded page for a
// browser (the API's JSON error for anything else).
export default defineEventHandler(async (event) => {
  const tenant = requireTenant(event)
  const wantsPage = (getHeader(event, 'accept') ?? '').includes('text/html')
  try {
    const { token } = await parseQuery(event, impersonationHandoffQuerySchema)
    const session = await redeemHandoff(signInRequest(event), token)
    setSessionCookie(event, session.token, Math.max(1, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000)))
    return sendRedirect(event, '/', 302)
  }
  catch (error) {
    const status = (error as { statusCode?: number }).statusCode
    if (!wantsPage || !status || status >= 500) throw error
    setResponseStatus(event, status)
    setHeader(event, 'content-type', 'text/html; charset=utf-8')
    return impersonationRefusedPage(tenant, (error as Error).message, cspNonce(event))
  }
})
