/**
 * The state of a server-paged list: a debounced search, one select filter ('all' means none,
 * sent as `filterName`) and the page, which goes back to 1 whenever a filter changes.
 * `query` is what the list's API takes.
 */
export function usePagedFilters<F extends string = string>(filterName: string, initial: F | 'all' = 'all', pageSize = 20) {
  const search = ref('')
  const debouncedSearch = refDebounced(search, 250)
  const filter = ref(initial) as Ref<F | 'all'>
  const page = ref(1)
  watch([debouncedSearch, filter], () => {
    page.value = 1
  })
  const query = computed(() => ({
    page: page.value,
    pageSize,
    ...(debouncedSearch.value ? { search: debouncedSearch.value } : {}),
    ...(filter.value !== 'all' ? { [filterName]: filter.value } : {}),
  }))
  return { search, filter, page, pageSize, query }
}
