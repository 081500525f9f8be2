import type { H3Event } from 'h3'
import type { ApiErrorBody } from '#shared/errors'

// Paths that never depend on the host: build assets, icons, liveness and readiness, Caddy's TLS question
// (asked over 127.0.0.1 about another name) and Prometheus's scrape (by the instance's own address).
const HOSTLESS = ['/_nuxt/', '/api/_nuxt_icon/', '/api/health', '/api/ready', '/api/tls/ask', '/metrics']

const isApi = (event: H3Event) => event.path.startsWith('/api/')

/** host → platform | tenant; unknown → 404, invalid → 400, suspended or outside the IP allowlist → 403, another host of a tenant that redirects to its primary → 308 (see DESIGN.md §1). */
export default defineEventHandler(async (event) => {
  if (HOSTLESS.some(prefix => event.path.startsWith(prefix))) return

  const started = performance.now()
  const { result, queries } = await countingQueries(() => resolveSite(event))
  const cache = result.kind === 'tenant' ? result.cache : 'none'
  event.context.tenantCache = cache // counted by the request metrics (cache hit ratio)
  setHeader(event, 'server-timing', `tenant;desc="${cache}";dur=${(performance.now() - started).toFixed(3)}, tenant-sql;desc="${queries}"`)

  switch (result.kind) {
    case 'platform':
      event.context.site = result
      return
    case 'invalid':
      // Answered here, not thrown: Nitro's error handler builds the request's URL from the Host
      // header and would fail on this one, answering in another shape.
      setResponseStatus(event, 400)
      if (isApi(event)) return { statusCode: 400, message: 'The Host header is not a valid host name', data: { code: 'INVALID_HOST' } } satisfies ApiErrorBody
      setHeader(event, 'content-type', 'text/html; charset=utf-8')
      return invalidHostPage(cspNonce(event))
    case 'unknown':
      if (isApi(event)) throw apiError(404, 'WORKSPACE_NOT_FOUND', 'No workspace at this address')
      setResponseStatus(event, 404)
      setHeader(event, 'content-type', 'text/html; charset=utf-8')
      return unknownHostPage(cspNonce(event))
    case 'tenant':
      if (result.tenant.status === 'suspended') {
        if (isApi(event)) throw apiError(403, 'WORKSPACE_SUSPENDED', 'This workspace is suspended')
        setResponseStatus(event, 403)
        setHeader(event, 'content-type', 'text/html; charset=utf-8')
        return suspendedPage(result.tenant, cspNonce(event))
      }
      // The workspace's IP allowlist holds before anything else, sign-in included.
      if (!ipAllowed(event.context.clientIp, result.tenant.ipAllowlist)) {
        if (isApi(event)) throw apiError(403, 'IP_NOT_ALLOWED', 'This workspace is not reachable from your network address')
        setResponseStatus(event, 403)
        setHeader(event, 'content-type', 'text/html; charset=utf-8')
        return ipRefusedPage(result.tenant, cspNonce(event))
      }
      {
        // Page visits on the tenant's other hosts go to its primary domain, when it asks for that.
        const target = primaryRedirectTarget(event, result.tenant)
        if (target) return sendRedirect(event, target, 308)
      }
      event.context.site = result
  }
})
