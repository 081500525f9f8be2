import type { H3Event } from 'h3'

// The request-bound half of single sign-on (server/services/identity/sso.ts does the rest): the
// callback address on this host, and the sealed, HttpOnly, host-only cookie that carries the flow's
// secrets (state, nonce, PKCE verifier) from the start to the callback.

const FLOW_COOKIE = 'sso_flow'
/** How long a started sign-in may take (the cookie's life; the service checks the sealed time too). */
export const SSO_FLOW_SECONDS = 600

/** Where the identity provider sends the person back: this host's callback route. */
export function ssoCallbackUrl(event: H3Event): string {
  return `${requestOrigin(event)}/api/auth/sso/callback`
}

/** The callback address as this request reached it, with its query (code, state …). */
export function ssoCallbackHere(event: H3Event): string {
  return `${ssoCallbackUrl(event)}${event.path.includes('?') ? event.path.slice(event.path.indexOf('?')) : ''}`
}

/** Keeps the sealed flow for the callback. */
export function setSsoFlowCookie(event: H3Event, sealedFlow: string): void {
  setCookie(event, FLOW_COOKIE, sealedFlow, { httpOnly: true, sameSite: 'lax', secure: isHttps(event), path: '/api/auth/sso', maxAge: SSO_FLOW_SECONDS })
}

/** The sealed flow, if the browser sent one; the cookie is cleared either way (a flow is used once). */
export function takeSsoFlowCookie(event: H3Event): string | undefined {
  const sealed = getCookie(event, FLOW_COOKIE)
  deleteCookie(event, FLOW_COOKIE, { path: '/api/auth/sso' })
  return sealed
}
