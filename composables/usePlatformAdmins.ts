import type { PlatformAdminRow } from '#shared/schemas/platform-admins'

/**
 * The console's super admins (/admin/admins), fetched whole, and the status change on one of them;
 * the API's refusal (yourself, the last active one) becomes a toast.
 */
export async function usePlatformAdmins() {
  const toast = useToast()
  const list = await useFetch<PlatformAdminRow[]>('/api/platform/admins', { key: 'platform-admins', default: () => [] })

  async function setStatus(admin: PlatformAdminRow, status: PlatformAdminRow['status']) {
    try {
      await $fetch(`/api/platform/admins/${admin.id}`, { method: 'PATCH', body: { status } })
      toast.add({ title: status === 'active' ? `${admin.name} can sign in again` : `${admin.name} is disabled and signed out`, color: 'success', icon: 'i-lucide-check' })
      await list.refresh()
    }
    catch (error) {
      toast.add({ title: errorMessage(error), color: 'error', icon: 'i-lucide-circle-alert' })
    }
  }

  return { list, setStatus }
}
