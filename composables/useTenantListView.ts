import type { LocationQuery } from 'vue-router'
import { TENANT_SORTS } from '#shared/schemas/platform'
import type { TenantSort } from '#shared/schemas/platform'

const one = (v: LocationQuery[string]) => (Array.isArray(v) ? v[0] : v) ?? undefined
const PAGE_SIZE = 25

/**
 * The admin tenants list's view (search, status, plan, created range, sort, page), read from and
 * written back to the URL, so a filtered and sorted list can be shared or reloaded as it was.
 */
export function useTenantListView() {
  const route = useRoute()
  const q = route.query
  const search = ref(one(q.search) ?? '')
  const debouncedSearch = refDebounced(search, 250)
  const status = ref(one(q.status) ?? 'all')
  const plan = ref(one(q.plan) ?? 'all')
  const createdFrom = ref(one(q.createdFrom) ?? '')
  const createdTo = ref(one(q.createdTo) ?? '')
  const sortParam = one(q.sort) as TenantSort | undefined
  const sort = ref<TenantSort>(sortParam && TENANT_SORTS.includes(sortParam) ? sortParam : 'name')
  const dir = ref<'asc' | 'desc'>(one(q.dir) === 'desc' ? 'desc' : 'asc')
  const page = ref(Math.max(1, Number(one(q.page)) || 1))

  watch([debouncedSearch, status, plan, createdFrom, createdTo, sort, dir], () => {
    page.value = 1
  })

  const query = computed(() => ({
    page: page.value,
    pageSize: PAGE_SIZE,
    sort: sort.value,
    dir: dir.value,
    ...(debouncedSearch.value ? { search: debouncedSearch.value } : {}),
    ...(status.value !== 'all' ? { status: status.value } : {}),
    ...(plan.value !== 'all' ? { plan: plan.value } : {}),
    ...(createdFrom.value ? { createdFrom: createdFrom.value } : {}),
    ...(createdTo.value ? { createdTo: createdTo.value } : {}),
  }))

  // The URL follows the view (defaults left out), without adding a history entry per keystroke.
  watch(query, (value) => {
    const { pageSize: _size, ...rest } = value
    const shown: Record<string, string> = {}
    for (const [k, v] of Object.entries(rest)) {
      if ((k === 'page' && v === 1) || (k === 'sort' && v === 'name') || (k === 'dir' && v === 'asc')) continue
      shown[k] = String(v)
    }
    navigateTo({ query: shown }, { replace: true })
  })

  /** Clicking a column: sort by it (biggest or newest first for figures and dates), or flip the direction. */
  function toggleSort(key: TenantSort) {
    if (sort.value === key) dir.value = dir.value === 'asc' ? 'desc' : 'asc'
    else {
      sort.value = key
      dir.value = key === 'name' ? 'asc' : 'desc'
    }
  }

  const filtered = computed(() => !!(debouncedSearch.value || status.value !== 'all' || plan.value !== 'all' || createdFrom.value || createdTo.value))
  function clearFilters() {
    search.value = ''
    status.value = 'all'
    plan.value = 'all'
    createdFrom.value = ''
    createdTo.value = ''
  }

  return { search, status, plan, createdFrom, createdTo, sort, dir, page, pageSize: PAGE_SIZE, query, toggleSort, filtered, clearFilters }
}
