import type { RunDetail, RunRow, RunStatus, WorkflowList } from '#shared/workflows'

/**
 * Run history, newest first, a page at a time by the server's cursor ("Load more" adds the next
 * page); the filters (status, workflow, record) live in the address, so a workflow's "Runs" link and a
 * reload keep them.
 */
export async function useWorkflowRuns() {
  const tenant = useTenant()
  const route = useRoute()
  const router = useRouter()
  const status = computed<RunStatus | 'all'>({
    get: () => (typeof route.query.status === 'string' ? route.query.status as RunStatus : 'all'),
    set: v => router.replace({ query: { ...route.query, status: v === 'all' ? undefined : v } }),
  })
  const workflowId = computed<string>({
    get: () => (typeof route.query.workflowId === 'string' ? route.query.workflowId : 'all'),
    set: v => router.replace({ query: { ...route.query, workflowId: v === 'all' ? undefined : v } }),
  })
  // A record's runs (its "All runs" link): kept in the address like the filters, cleared by its chip.
  const recordId = computed<string | null>({
    get: () => (typeof route.query.recordId === 'string' ? route.query.recordId : null),
    set: v => router.replace({ query: { ...route.query, recordId: v ?? undefined } }),
  })
  const query = computed(() => ({
    limit: 25,
    ...(recordId.value ? { recordId: recordId.value } : {}),
    ...(status.value !== 'all' ? { status: status.value } : {}),
    ...(workflowId.value !== 'all' ? { workflowId: workflowId.value } : {}),
  }))
  const first = useFetch<{ items: RunRow[], nextCursor: string | null }>('/api/workflow-runs', { key: computed(() => `workflow-runs:${tenant.value?.id}:${JSON.stringify(query.value)}`), query })
  const workflows = useFetch<WorkflowList | null>('/api/workflows', { key: `workflows:${tenant.value?.id}`, default: () => null })
  const { pending: loadingMore, submit } = useSubmit({ toastFailure: true })
  // Pages after the first, fetched by "Load more"; a filter change starts again from the first.
  const more = ref<RunRow[]>([])
  const cursor = ref<string | null>(null)
  watch(() => first.data.value, (page) => {
    more.value = []
    cursor.value = page?.nextCursor ?? null
  }, { immediate: true })
  const rows = computed(() => [...(first.data.value?.items ?? []), ...more.value])
  async function loadMore() {
    if (!cursor.value) return
    const page = await submit(() => $fetch<{ items: RunRow[], nextCursor: string | null }>('/api/workflow-runs', { query: { ...query.value, cursor: cursor.value } }))
    if (page) {
      more.value = [...more.value, ...page.items]
      cursor.value = page.nextCursor
    }
  }
  async function refresh() {
    await first.refresh()
  }
  await Promise.all([first, workflows])
  return { status, workflowId, recordId, rows, first, workflows, cursor, loadingMore, loadMore, refresh }
}

/** One run, polled while it is under way; cancel and retry. */
export async function useWorkflowRun(id: string) {
  const tenant = useTenant()
  const toast = useToast()
  const fetched = useFetch<RunDetail>(`/api/workflow-runs/${id}`, { key: `workflow-run:${tenant.value?.id}:${id}` })
  const live = computed(() => ['queued', 'running'].includes(fetched.data.value?.status ?? ''))
  usePollWhile(live, () => fetched.refresh(), 2000)
  const { pending, failure, submit, reset } = useSubmit()
  await fetched
  async function act(action: 'cancel' | 'retry'): Promise<boolean> {
    const row = await submit(() => $fetch<RunRow>(`/api/workflow-runs/${id}/${action}`, { method: 'POST' }))
    if (!row) return false
    toast.add({ title: action === 'cancel' ? 'Run cancelled' : 'Run goes on from its failed step', color: 'success', icon: 'i-lucide-check' })
    await fetched.refresh()
    return true
  }
  return { fetched, pending, failure, reset, act }
}
