import type { FeatureKey } from './shared/features'
import type { Permission } from './shared/permissions'

declare module '#app' {
  interface PageMeta {
    /** The module this page belongs to: 404 where the feature is off (middleware/site.global.ts). */
    feature?: FeatureKey
    /** The permission the page needs: 404 for roles without it. */
    permission?: Permission
    /** Where the page exists: only on a tenant's host, or on any host. */
    site?: 'tenant' | 'platform' | 'any'
    /**
     * A record page (/:type/…): the type comes from the route's `type` param and must be in the
     * record catalogue; its module must be on and the role must have `<resource>:<this action>`.
     */
    records?: 'read' | 'write'
    /** Reachable without signing in (login, password reset, invitations). */
    public?: boolean
  }
}

export {}
