import type { Principal } from '../utils/session'
import type { SiteResolution } from '../utils/tenant'

declare module 'h3' {
  interface H3EventContext {
    /** Set by middleware/1.request.ts. */
    requestId?: string
    clientIp?: string
    startedAt?: number
    /** Set by middleware/2.tenant.ts: platform, or the tenant this host serves. */
    site?: Extract<SiteResolution, { kind: 'platform' | 'tenant' }>
    /** Set by middleware/3.session.ts: the signed-in user of this host's tenant. */
    principal?: Principal
    /** Who acts, for audit entries (the signed-in principal once identity lands). */
    actor?: { type: string, id?: string }
  }
}

export {}
