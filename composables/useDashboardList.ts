import type { Dashboard, DashboardSummary } from '#shared/schemas/dashboards'

/** The dashboards I may open (mine and shared with my role), and creating one. */
export async function useDashboardList() {
  const tenant = useTenant()
  const toast = useToast()
  const list = await useFetch<DashboardSummary[]>('/api/dashboards', { key: `dashboards:${tenant.value?.id}`, default: () => [] })
  const createOpen = ref(false)
  const creating = ref(false)

  async function create(body: { name: string, description: string | null }) {
    creating.value = true
    try {
      const d = await $fetch<Dashboard>('/api/dashboards', { method: 'POST', body: { ...body, widgets: [], sharedRoleKeys: [] } })
      createOpen.value = false
      await navigateTo({ path: `/dashboards/${d.id}`, query: { edit: '1' } })
    }
    catch (e) {
      toast.add({ title: errorMessage(e), color: 'error', icon: 'i-lucide-circle-alert' })
    }
    finally {
      creating.value = false
    }
  }
  return { list, createOpen, creating, create }
}
