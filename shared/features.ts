/**
 * The one catalogue of feature flags. A plan includes a feature when its key is listed in
 * the plan's `features`; the `plans` here are the defaults the seed gives each plan, cheapest
 * first (the first is the one a tenant lacking the feature is told to upgrade to); `whenOff` says
 * what a tenant admin hides by switching the feature off (Settings → Features).
 * Effective state = plan → tenant override → platform kill switch (see server/utils/features.ts).
 */
export const FEATURES = {
  analytics: { label: 'Analytics', description: 'Usage charts and reports over the workspace\'s data.', plans: ['pro', 'enterprise'],
    whenOff: 'The Analytics page, its menu entry and its API (/api/analytics) disappear for everyone. No data is deleted.' },
  crm: { label: 'CRM', description: 'Accounts, contacts, leads and deals.', plans: ['starter', 'pro', 'enterprise'],
    whenOff: 'Accounts, contacts, leads and deals, their pages and their API disappear for everyone. The records are kept and come back when switched on.' },
  tasks: { label: 'Tasks', description: 'Tasks with assignees, due dates and priorities; "My tasks".', plans: ['starter', 'pro', 'enterprise'],
    whenOff: 'Tasks, "My tasks" and their API disappear for everyone. Tasks are kept.' },
  tickets: { label: 'Support tickets', description: 'Tickets with SLAs and queues.', plans: ['pro', 'enterprise'],
    whenOff: 'The tickets pages, queues and their API disappear for everyone. Tickets are kept.' },
  dashboards: { label: 'Custom dashboards', description: 'Build and share dashboards from widgets.', plans: ['pro', 'enterprise'],
    whenOff: 'Custom dashboards and their widgets are hidden for everyone; the home page stays. Saved dashboards are kept.' },
  webhooks: { label: 'Webhooks', description: 'Send the workspace\'s events to your other systems, signed.', plans: ['pro', 'enterprise'],
    whenOff: 'Settings → Webhooks and its API disappear, and no events are sent. Endpoints and their logs are kept.' },
  automation: { label: 'Automation', description: 'Workflows that act on the workspace\'s events, on a schedule or at a click.', plans: ['pro', 'enterprise'],
    whenOff: 'Workflows, their runs and their pages disappear, and no workflow starts. Workflows and their history are kept.' },
  reports: { label: 'Reports', description: 'Reports built from the workspace\'s records, with templates and exports.', plans: ['pro', 'enterprise'],
    whenOff: 'Reports, their pages and their API disappear for everyone. Saved reports are kept.' },
  custom_domains: { label: 'Custom domains', description: 'Serve the workspace on your own domain.', plans: ['pro', 'enterprise'],
    whenOff: 'Adding and managing your own domains is no longer offered; the workspace\'s built-in address always works.' },
  remove_branding: { label: 'Remove "powered by"', description: 'Hide the platform line in the footer.', plans: ['enterprise'],
    whenOff: 'The "powered by" line shows again in the footer and on the sign-in page.' },
} as const satisfies Record<string, { label: string, description: string, plans: readonly string[], whenOff: string }>

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
