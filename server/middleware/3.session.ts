const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

// Third on every request: cookie → principal, only for the tenant this host serves.
// A state-changing request that a browser sent from another origin is refused: SameSite=Lax
// already keeps the cookie off cross-site posts, and this also covers sibling subdomains
// (other tenants on the same platform domain are "same site").
export default defineEventHandler(async (event) => {
  if (event.context.site?.kind !== 'tenant') return
  if (!SAFE_METHODS.has(event.method)) {
    const origin = getHeader(event, 'origin')
    if (origin && normalizeHost(safeHost(origin)).ok && !sameHost(origin, requestHost(event))) {
      throw apiError(403, 'FORBIDDEN', 'Cross-origin request refused')
    }
  }
  const principal = await resolvePrincipal(event)
  if (principal) {
    event.context.principal = principal
    event.context.actor = { type: 'user', id: principal.id }
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
