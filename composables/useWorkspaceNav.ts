import type { NavigationMenuItem } from '@nuxt/ui'

/** Any one of these opens the settings area (each section checks its own). */
const SETTINGS_PERMISSIONS = ['members:read', 'roles:read', 'teams:read', 'settings:read', 'audit:read'] as const

/** The workspace's navigation: one list for sidebar and mobile menu; a module shows only where its feature is on and the role may read it. */
export function useWorkspaceNav() {
  const analytics = useFeature('analytics')
  const can = useCan()
  return computed<NavigationMenuItem[]>(() => [
    { label: 'Home', icon: 'i-lucide-house', to: '/' },
    ...(analytics.value && can('analytics:read') ? [{ label: 'Analytics', icon: 'i-lucide-chart-column', to: '/analytics' }] : []),
    ...(SETTINGS_PERMISSIONS.some(p => can(p)) ? [{ label: 'Settings', icon: 'i-lucide-settings', to: '/settings' }] : []),
  ])
}
