import type { MemberRow, Page } from '#shared/schemas/members'

/** The members list with its filters and the admin actions on it; errors become toasts. */
export async function useMembers() {
  const tenant = useTenant()
  const toast = useToast()
  // The role filter can come in the address (Settings → Roles links here with ?role=).
  const route = useRoute()
  const { search, filter: role, page, pageSize, query } = usePagedFilters('role', typeof route.query.role === 'string' ? route.query.role : 'all')
  const [list, roles] = await Promise.all([
    useFetch<Page<MemberRow>>('/api/members', { key: computed(() => `members:${tenant.value?.id}:${JSON.stringify(query.value)}`), query }),
    useFetch<{ key: string, name: string }[]>('/api/roles', { key: `roles:${tenant.value?.id}`, default: () => [] }),
  ])

  async function run(action: () => Promise<unknown>, success: string) {
    try {
      await action()
      toast.add({ title: success, color: 'success', icon: 'i-lucide-check' })
      await list.refresh()
    }
    catch (error) {
      toast.add({ title: errorMessage(error), color: 'error', icon: 'i-lucide-circle-alert' })
    }
  }

  const changeRole = (m: MemberRow, key: string) =>
    run(() => $fetch(`/api/members/${m.id}`, { method: 'PATCH', body: { role: key } }), `${m.name} is now ${roles.data.value.find(r => r.key === key)?.name ?? key}`)
  const setStatus = (m: MemberRow, status: 'active' | 'deactivated') =>
    run(() => $fetch(`/api/members/${m.id}`, { method: 'PATCH', body: { status } }), status === 'active' ? `${m.name} is active again` : `${m.name} is deactivated`)
  const revokeSessions = (m: MemberRow) =>
    run(() => $fetch(`/api/members/${m.id}/revoke-sessions`, { method: 'POST' }), `${m.name} is signed out everywhere`)

  return { search, role, page, pageSize, list, roles, changeRole, setStatus, revokeSessions }
}
