import type { FeatureKey } from './features'
import type { SessionPolicy } from './schemas/security'
import type { WorkspacePreferences } from './schemas/workspace'
import type { Theme, ThemePalettes } from './theme'

/** What a page may know about the workspace it is served for: public, and of this tenant only. */
export interface TenantPublicProfile {
  id: string
  slug: string
  name: string
  status: 'active' | 'suspended'
  plan: { key: string, name: string }
  features: Record<FeatureKey, boolean>
  theme: Theme
  palettes: ThemePalettes
  /** Time zone, locale, currency and formats for every date and amount shown. */
  preferences: WorkspacePreferences
  /** How long sessions last here (idle and in total). */
  sessionPolicy: SessionPolicy
  /** How people sign in here: the login page offers SSO, or only SSO (but for the break-glass admin). */
  signIn: { sso: boolean, ssoRequired: boolean }
  /** The platform's name for a "powered by" line, or null where the plan hides it. */
  poweredBy: string | null
}

/** The keys of the public profile: everything else a resolved tenant carries stays on the server. */
export const PUBLIC_PROFILE_KEYS = ['id', 'slug', 'name', 'status', 'plan', 'features', 'theme', 'palettes', 'preferences', 'sessionPolicy', 'signIn', 'poweredBy'] as const satisfies readonly (keyof TenantPublicProfile)[]

/**
 * The public profile of a resolved tenant, by allowlist: a field added to the server's tenant
 * (limits, allowlists, redirects) never reaches a page or its payload unless it is named above.
 */
export function publicProfile(tenant: TenantPublicProfile): TenantPublicProfile {
  return Object.fromEntries(PUBLIC_PROFILE_KEYS.map(key => [key, tenant[key]])) as unknown as TenantPublicProfile
}

/** The kind of site a host serves: the platform itself, or one tenant's workspace. */
export type PublicSite
  = | { kind: 'platform', name: string, domain: string }
    | { kind: 'tenant', tenant: TenantPublicProfile }
