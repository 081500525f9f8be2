import type { DemoTenant } from '../../drizzle/seed/demo'
import { DEMO_SUPER_ADMIN, DEMO_TENANTS } from '../../drizzle/seed/demo'

/**
 * Tenants that exist only in the test databases, for tests that change a workspace-wide setting
 * and would otherwise disturb other tests: hooli (two-factor required), initrode (IP allowlist),
 * piedpiper (single sign-on), vandelay (custom domains and the redirect to its primary domain). Seeded like the demo ones: `<role>@<slug>.test`, the demo password.
 */
export const TEST_TENANTS: DemoTenant[] = [
  { slug: 'hooli', name: 'Hooli', plan: 'pro', status: 'active', scale: 0.1,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#2563eb', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  { slug: 'initrode', name: 'Initrode', plan: 'pro', status: 'active', scale: 0.1,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#9333ea', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  { slug: 'piedpiper', name: 'Pied Piper', plan: 'enterprise', status: 'active', scale: 0.1,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#16a34a', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
  { slug: 'vandelay', name: 'Vandelay Industries', plan: 'pro', status: 'active', scale: 0.1,
    theme: { ...DEMO_TENANTS[0]!.theme, primary: '#0891b2', logo: '/brands/acme/logo.svg', favicon: '/brands/acme/favicon.svg' } },
]

export const SEEDED_TENANTS = [...DEMO_TENANTS, ...TEST_TENANTS]

/** Super admins for tests that need their own (each enrols in two-factor at first sign-in). */
export const SEEDED_SUPER_ADMINS = [
  DEMO_SUPER_ADMIN,
  { email: 'super2@atrium.test', name: 'Second Operator' },
  { email: 'super3@atrium.test', name: 'Third Operator' },
  { email: 'super4@atrium.test', name: 'Fourth Operator' },
]
