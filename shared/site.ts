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

/** The kind of site a host serves: the platform itself, or one tenant's workspace. */
export type PublicSite
  = | { kind: 'platform', name: string, domain: string }
    | { kind: 'tenant', tenant: TenantPublicProfile }
