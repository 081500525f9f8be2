import type { NavigationMenuItem } from '@nuxt/ui'

/** The workspace's navigation: one list for sidebar and mobile menu, modules hidden when their feature is off. */
export function useWorkspaceNav() {
  const analytics = useFeature('analytics')
  return computed<NavigationMenuItem[]>(() => [
    { label: 'Home', icon: 'i-lucide-house', to: '/' },
    ...(analytics.value ? [{ label: 'Analytics', icon: 'i-lucide-chart-column', to: '/analytics' }] : []),
  ])
}
