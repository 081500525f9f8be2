import type { AutomationAllowance, WorkflowDetail, WorkflowList, WorkflowSummary } from '#shared/workflows'

/**
 * The workspace's workflows (at most 200, so fetched whole and searched here by name), the names of
 * the incoming webhooks they start on (for the triggers' words), and the on/off switch of a row: a
 * refusal (a workflow with problems) says its first problem in a toast.
 */
export async function useWorkflowList() {
  const tenant = useTenant()
  const toast = useToast()
  const can = useCan()
  const fetched = useFetch<WorkflowList | null>('/api/workflows', { key: `workflows:${tenant.value?.id}`, default: () => null })
  await fetched
  const search = ref('')
  const all = computed(() => fetched.data.value?.items ?? [])
  const rows = computed(() => {
    const q = search.value.trim().toLowerCase()
    return q ? all.value.filter(w => w.name.toLowerCase().includes(q)) : all.value
  })
  // Workflows on are counted from the list itself (it holds them all), so a switch shows at once.
  const allowance = computed(() => {
    const got = fetched.data.value?.allowance
    return got ? { ...got, activeWorkflows: { ...got.activeWorkflows, used: all.value.filter(w => w.enabled).length } } : null
  })
  function setAllowance(next: AutomationAllowance) {
    if (fetched.data.value) fetched.data.value.allowance = next
  }
  const receiverName = (id: string) => fetched.data.value?.receivers.find(r => r.id === id)?.name

  const switching = ref<string | null>(null)
  async function setEnabled(w: WorkflowSummary, enabled: boolean) {
    switching.value = w.id
    try {
      const saved = await $fetch<WorkflowDetail>(`/api/workflows/${w.id}/enable`, { method: 'POST', body: { enabled } })
      Object.assign(w, { enabled: saved.enabled, nextRunAt: saved.nextRunAt })
      toast.add({ title: enabled ? `${w.name} is on` : `${w.name} is off`, color: 'success', icon: 'i-lucide-check' })
    }
    catch (e) {
      // A definition with problems names its first; a plan limit says itself (no fields named).
      const first = apiIssues(e)[0]
      toast.add({ title: enabled ? `${w.name} could not be switched on` : `${w.name} could not be switched off`, description: first?.message ?? errorMessage(e), color: 'error', icon: 'i-lucide-circle-alert' })
    }
    finally {
      switching.value = null
    }
  }
  return { fetched, all, rows, search, allowance, setAllowance, receiverName, switching, setEnabled, canWrite: computed(() => can('workflows:write')) }
}
