import type { FeatureKey } from './shared/features'

declare module '#app' {
  interface PageMeta {
    /** The module this page belongs to: 404 where the feature is off (middleware/site.global.ts). */
    feature?: FeatureKey
    /** Where the page exists: only on a tenant's host, or on any host. */
    site?: 'tenant' | 'any'
  }
}

export {}
