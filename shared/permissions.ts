import type { FeatureKey } from './features'

/**
 * The one catalogue of permissions: `resource:action`. Routes guard with
 * requirePermission(event, 'analytics:read'); pages ask useCan()('analytics:read').
 * Later modules add their resources here (accounts, deals, tickets, …).
 */
export const RESOURCES = {
  dashboard: 'Home dashboard',
  accounts: 'Accounts',
  contacts: 'Contacts',
  leads: 'Leads',
  deals: 'Deals',
  tasks: 'Tasks',
  tickets: 'Tickets',
  analytics: 'Analytics',
  members: 'Members',
  roles: 'Roles',
  teams: 'Teams',
  audit: 'Audit log',
  settings: 'Workspace settings',
  webhooks: 'Webhooks',
  workflows: 'Workflows',
  reports: 'Reports',
} as const

export const ACTIONS = ['read', 'write', 'delete', 'export', 'admin'] as const

export type Resource = keyof typeof RESOURCES
export type Action = typeof ACTIONS[number]
export type Permission = `${Resource}:${Action}`

export const PERMISSIONS: Permission[] = (Object.keys(RESOURCES) as Resource[])
  .flatMap(resource => ACTIONS.map(action => `${resource}:${action}` as Permission))

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as string[]).includes(value)
}

/**
 * The module (feature key) each resource belongs to. requirePermission checks it first: while the
 * module is off, `<resource>:<action>` answers 404 FEATURE_DISABLED, to anyone, before the
 * permission is asked for (the workspace has no such module, whoever asks). Resources not listed
 * belong to no single module: `dashboard` (the home page stays without Custom dashboards, whose
 * routes check that module themselves), `analytics` (a widget's export serves every dashboard,
 * while the usage charts check the Analytics module themselves), the workspace's own settings.
 */
export const RESOURCE_MODULES: Partial<Record<Resource, FeatureKey>> = {
  accounts: 'crm',
  contacts: 'crm',
  leads: 'crm',
  deals: 'crm',
  tasks: 'tasks',
  tickets: 'tickets',
  webhooks: 'webhooks',
  workflows: 'automation',
  reports: 'reports',
}

/** The module a permission belongs to (RESOURCE_MODULES), if any. */
export function moduleOf(permission: Permission): FeatureKey | undefined {
  return RESOURCE_MODULES[permission.slice(0, permission.indexOf(':')) as Resource]
}

const all = (resource: Resource) => ACTIONS.map(action => `${resource}:${action}` as Permission)
const read = (...resources: Resource[]) => resources.map(r => `${r}:read` as Permission)
const work = (...resources: Resource[]) => resources.flatMap(r => [`${r}:read`, `${r}:write`, `${r}:delete`] as Permission[])
const CRM = ['accounts', 'contacts', 'leads', 'deals'] as const satisfies Resource[]
const RECORDS = [...CRM, 'tasks', 'tickets'] as const satisfies Resource[]

/** The system roles every tenant has, read-only; tenant admins add custom roles from PERMISSIONS. */
export const SYSTEM_ROLES = {
  admin: { name: 'Admin', description: 'Everything, including members, roles and settings.', permissions: PERMISSIONS },
  manager: {
    name: 'Manager',
    description: 'Runs the work: data, exports and the team, not the workspace settings.',
    permissions: [...all('dashboard'), ...all('analytics'), ...RECORDS.flatMap(all), ...read('members', 'roles', 'teams', 'audit'), 'teams:write', 'audit:export', 'workflows:read', 'workflows:write', 'reports:read', 'reports:write', 'reports:export'] as Permission[],
  },
  member: {
    name: 'Member',
    description: 'Does the daily work.',
    permissions: [...read('dashboard', 'analytics', 'members', 'teams', 'reports'), ...work(...RECORDS)],
  },
  support: {
    name: 'Support',
    description: 'Helps customers: works tickets and tasks, reads accounts and contacts, not the sales pipeline.',
    permissions: [...read('dashboard', 'members', 'teams', 'accounts', 'contacts'), ...work('tickets', 'tasks')],
  },
  viewer: {
    name: 'Viewer',
    description: 'Reads dashboards, reports and records, changes nothing.',
    permissions: [...read('dashboard', 'reports', ...RECORDS)],
  },
} as const satisfies Record<string, { name: string, description: string, permissions: readonly Permission[] }>

export type SystemRoleKey = keyof typeof SYSTEM_ROLES
export const SYSTEM_ROLE_KEYS = Object.keys(SYSTEM_ROLES) as SystemRoleKey[]
