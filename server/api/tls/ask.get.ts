import { tlsAskQuerySchema } from '../../../shared/schemas/domains'

// Caddy's on-demand TLS `ask`: may a certificate be obtained for this name? 200 for a tenant's
// subdomain or a verified custom domain, 404 for anything else. Answered on any host (Caddy asks
// over 127.0.0.1) and from the tenant cache: a warm answer runs no SQL.
export default defineEventHandler(async (event) => {
  const { domain } = await parseQuery(event, tlsAskQuerySchema)
  if (await hostServesTenant(domain, event)) return { domain, allowed: true }
  setResponseStatus(event, 404)
  return { statusCode: 404, message: 'No workspace is served at this domain', data: { code: 'WORKSPACE_NOT_FOUND' } }
})
