const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

// Third on every request: cookie → principal. On a tenant's host, a user of that tenant (from
// its own sessions table); on the platform domain, a super admin (from the platform's). Neither
// lookup ever reads the other's table, so no session crosses between them.
// A state-changing request that a browser sent from another origin is refused: SameSite=Lax
// already keeps the cookie off cross-site posts, and this also covers sibling subdomains
// (other tenants on the same platform domain are "same site").
export default defineEventHandler(async (event) => {
  const site = event.context.site
  if (!site) return
  if (!SAFE_METHODS.has(event.method)) {
    const origin = getHeader(event, 'origin')
    if (origin && normalizeHost(safeHost(origin)).ok && !sameHost(origin, requestHost(event))) {
      throw apiError(403, 'FORBIDDEN', 'Cross-origin request refused')
    }
  }
  if (site.kind === 'platform') {
    const admin = await resolvePlatformPrincipal(event)
    if (admin) {
      event.context.platformAdmin = admin
      event.context.actor = { type: 'platform_admin', id: admin.id }
      event.context.sessionUser = platformSessionUser(admin)
    }
    return
  }
  const key = event.path.startsWith('/api/') ? bearerApiKey(event) : null
  if (key) {
    // A key speaks for itself: no cookie is consulted, and its own rate limit applies.
    const principal = await principalForApiKey(event, site.tenant, key)
    await enforceApiKeyRate(event, principal.id, site.tenant.apiRequestsPerMinute)
    // API-key calls are what the plan's daily allowance meters (sessions never are): counted
    // here without a database write, refused with 429 beyond the day's limit.
    await countApiCall(event, site.tenant)
    event.context.principal = principal
    event.context.actor = { type: 'api_key', id: principal.id }
    return
  }
  const principal = await resolvePrincipal(event)
  if (principal) {
    event.context.principal = principal
    event.context.actor = { type: 'user', id: principal.id }
    event.context.sessionUser = sessionUser(principal, site.tenant)
  }
})

function safeHost(origin: string): string {
  try {
    return new URL(origin).host
  }
  catch {
    return ''
  }
}

function sameHost(origin: string, host: string | undefined): boolean {
  const a = normalizeHost(safeHost(origin))
  const b = normalizeHost(host)
  return a.ok && b.ok && a.hostname === b.hostname
}
