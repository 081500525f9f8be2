import { tlsAskQuerySchema } from '#shared/schemas/domains'

// Caddy's on-demand TLS `ask`: may a certificate be obtained for this name? 200 for a tenant's
// subdomain or a verified custom domain, 404 for anything else. Answered on any host (Caddy asks
// over 127.0.0.1) and from the tenant cache: a warm answer runs no SQL.
export default defineEventHandler(async (event) => {
  const started = performance.now()
  const { domain } = await parseQuery(event, tlsAskQuerySchema)
  const allowed = await hostServesTenant(domain, event)
  setHeader(event, 'server-timing', `tls-ask;dur=${(performance.now() - started).toFixed(3)}`)
  if (allowed) return { domain, allowed: true }
  setResponseStatus(event, 404)
  return { statusCode: 404, message: 'No workspace is served at this domain', data: { code: 'WORKSPACE_NOT_FOUND' } }
})
