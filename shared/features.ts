/**
 * The one catalogue of feature flags. A plan includes a feature when its key is listed in
 * the plan's `features`; the `plans` here are the defaults the seed gives each plan.
 * Effective state = plan → tenant override → platform kill switch (see server/utils/features.ts).
 */
export const FEATURES = {
  analytics: { label: 'Analytics', description: 'Usage charts and reports over the workspace\'s data.', plans: ['pro', 'enterprise'] },
  crm: { label: 'CRM', description: 'Accounts, contacts, leads and deals.', plans: ['starter', 'pro', 'enterprise'] },
  tickets: { label: 'Support tickets', description: 'Tickets with SLAs and queues.', plans: ['pro', 'enterprise'] },
  dashboards: { label: 'Custom dashboards', description: 'Build and share dashboards from widgets.', plans: ['pro', 'enterprise'] },
  custom_domains: { label: 'Custom domains', description: 'Serve the workspace on your own domain.', plans: ['pro', 'enterprise'] },
  remove_branding: { label: 'Remove "powered by"', description: 'Hide the platform line in the footer.', plans: ['enterprise'] },
} as const satisfies Record<string, { label: string, description: string, plans: readonly string[] }>

export type FeatureKey = keyof typeof FEATURES

export const FEATURE_KEYS = Object.keys(FEATURES) as FeatureKey[]

export function isFeatureKey(value: string): value is FeatureKey {
  return Object.hasOwn(FEATURES, value)
}

/** Effective flags from the three layers; later layers win, the kill switch always wins. */
export function effectiveFeatures(
  planFeatures: readonly string[],
  overrides: Readonly<Record<string, boolean>>,
  killed: readonly string[],
): Record<FeatureKey, boolean> {
  const result = {} as Record<FeatureKey, boolean>
  for (const key of FEATURE_KEYS) {
    let on = planFeatures.includes(key)
    if (typeof overrides[key] === 'boolean') on = overrides[key]
    if (killed.includes(key)) on = false
    result[key] = on
  }
  return result
}
