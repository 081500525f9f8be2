import type { NavigationMenuItem } from '@nuxt/ui'
import type { RecordType } from '#shared/records'
import { RECORDS } from '#shared/records'

/** Any one of these opens the settings area (each section checks its own). */
const SETTINGS_PERMISSIONS = ['members:read', 'roles:read', 'teams:read', 'settings:read', 'audit:read'] as const

const MY_TASKS = RECORD_PRESETS.tasks![0]!.query

/**
 * The workspace's navigation in groups (the sidebar shows each group under its label): a module
 * shows only where its feature is on and the role may read it, so a module switched off is gone.
 */
export function useWorkspaceNavGroups() {
  const store = useSiteStore()
  const analytics = useFeature('analytics')
  const dashboards = useFeature('dashboards')
  const automation = useFeature('automation')
  const reports = useFeature('reports')
  const can = useCan()
  const route = useRoute()
  return computed<NavigationMenuItem[][]>(() => {
    const on = (type: RecordType) => store.tenant?.features[RECORDS[type].feature] === true && can(`${RECORDS[type].resource}:read`)
    const link = (type: RecordType): NavigationMenuItem => ({ label: RECORDS[type].label, icon: RECORDS[type].icon, to: `/${type}` })
    const myTasks = route.path === '/tasks' && Object.entries(MY_TASKS).every(([k, v]) => route.query[k] === v)
    const crm = (['accounts', 'contacts', 'leads', 'deals'] as const).filter(on).map(link)
    const work: NavigationMenuItem[] = []
    if (on('tasks')) {
      work.push({ label: 'My tasks', icon: 'i-lucide-user-check', to: { path: '/tasks', query: MY_TASKS }, active: myTasks })
      work.push({ ...link('tasks'), active: route.path.startsWith('/tasks') && !myTasks })
    }
    if (on('tickets')) work.push(link('tickets'))
    // Anyone may be asked to approve: the inbox is there wherever workflows are.
    if (automation.value) work.push({ label: 'Approvals', icon: 'i-lucide-stamp', to: '/approvals' })
    const groups: NavigationMenuItem[][] = [[
      { label: 'Home', icon: 'i-lucide-house', to: '/' },
      ...(dashboards.value && can('dashboard:read') ? [{ label: 'Dashboards', icon: 'i-lucide-layout-grid', to: '/dashboards' }] : []),
      ...(analytics.value && can('analytics:read') ? [{ label: 'Analytics', icon: 'i-lucide-chart-column', to: '/analytics' }] : []),
      ...(reports.value && can('reports:read') ? [{ label: 'Reports', icon: 'i-lucide-file-chart-column', to: '/reports' }] : []),
    ]]
    if (crm.length) groups.push([{ label: 'CRM', type: 'label' }, ...crm])
    if (work.length) groups.push([{ label: 'Work', type: 'label' }, ...work])
    const admin: NavigationMenuItem[] = []
    if (automation.value && can('workflows:read')) admin.push({ label: 'Automation', icon: 'i-lucide-workflow', to: '/automation' })
    if (SETTINGS_PERMISSIONS.some(p => can(p))) admin.push({ label: 'Settings', icon: 'i-lucide-settings', to: '/settings' })
    if (admin.length) groups.push(admin)
    return groups
  })
}

/** The same navigation as one flat list of links (for menus and the command palette). */
export function useWorkspaceNav() {
  const groups = useWorkspaceNavGroups()
  return computed<NavigationMenuItem[]>(() => groups.value.flat().filter(i => i.type !== 'label'))
}
