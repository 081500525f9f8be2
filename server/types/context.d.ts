import type { SessionUser } from '#shared/auth'
import type { PlatformPrincipal } from '#server/utils/platform-session'
import type { ApiKeyPrincipal } from '#server/utils/api-keys'
import type { Principal } from '#server/utils/session'
import type { SiteResolution } from '#server/utils/tenant'

declare module 'h3' {
  interface H3EventContext {
    /** Set by middleware/1.request.ts. */
    requestId?: string
    clientIp?: string
    startedAt?: number
    /** Set by plugins/0.security-headers.ts: this request's CSP nonce, on every inline tag of its HTML. */
    cspNonce?: string
    /** Set by middleware/2.tenant.ts: platform, or the tenant this host serves. */
    site?: Extract<SiteResolution, { kind: 'platform' | 'tenant' }>
    /** Set by middleware/2.tenant.ts: whether the host's tenant came from the cache (request metrics count it). */
    tenantCache?: 'hit' | 'miss' | 'none'
    /** Set by middleware/3.session.ts: the signed-in user of this host's tenant, or its API key. */
    principal?: Principal | ApiKeyPrincipal
    /** Set by middleware/3.session.ts on the platform domain only: the signed-in super admin. */
    platformAdmin?: PlatformPrincipal
    /** Whoever of the two is signed in, as pages see them (SSR hands it to nuxt-auth). */
    sessionUser?: SessionUser
    /** Who acts, for audit entries (the signed-in principal once identity lands). */
    actor?: { type: string, id?: string }
  }
}

export {}
