import type { H3Event } from 'h3'
import type { TenantContext } from './tenant'

/**
 * Where a request should go instead, when the tenant redirects its other hosts to its primary
 * domain: only page navigations (GET/HEAD asking for HTML), never the API, keeping path and query
 * (and the port, for local set-ups). Null when the request stays where it is.
 */
export function primaryRedirectTarget(event: H3Event, tenant: TenantContext): string | null {
  if (!tenant.redirectToPrimary || !tenant.primaryHost) return null
  if (event.method !== 'GET' && event.method !== 'HEAD') return null
  if (event.path.startsWith('/api/') || event.path.startsWith('/_')) return null
  if (!(getHeader(event, 'accept') ?? '').includes('text/html')) return null
  const raw = requestHost(event) ?? ''
  const here = normalizeHost(raw)
  if (!here.ok || here.hostname === tenant.primaryHost) return null
  const port = /:(\d{1,5})$/.exec(raw)?.[1]
  return `${isHttps(event) ? 'https' : 'http'}://${tenant.primaryHost}${port ? `:${port}` : ''}${event.path}`
}
