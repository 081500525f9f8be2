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

/** One field of a filter form (the audit logs'): a text, date or checkbox input, or the action picker. */
export interface FilterField {
  key: string
  label: string
  placeholder?: string
  type?: 'date' | 'checkbox' | 'action'
  class?: string
}

/**
 * The state of a server-paged list whose filters are typed into a form and applied on submit (the
 * audit logs): `filters` is what the form shows, `chosen` the non-empty filters the list was asked
 * for. Applying goes back to page 1; with `url`, the filters are read from the address and applied
 * ones written back to it, so a filtered view can be shared or reloaded.
 */
export function useFormFilters<K extends string>(fields: readonly K[], options: { url?: boolean, pageSize?: number } = {}) {
  const route = useRoute()
  const pageSize = options.pageSize ?? 20
  const blank = () => Object.fromEntries(fields.map(f => [f, ''])) as Record<K, string>
  const fromUrl = () => Object.fromEntries(fields.map(f => [f, typeof route.query[f] === 'string' ? route.query[f] : ''])) as Record<K, string>
  const filters = reactive(options.url ? fromUrl() : blank()) as Record<K, string>
  const applied = ref({ ...filters }) as Ref<Record<K, string>>
  const page = ref(1)
  const chosen = computed(() => Object.fromEntries(Object.entries<string>(applied.value).filter(([, v]) => v)))
  const query = computed(() => ({ page: page.value, pageSize, ...chosen.value }))

  function apply() {
    applied.value = { ...filters }
    page.value = 1
    if (options.url) navigateTo({ query: chosen.value }, { replace: true })
  }
  function reset() {
    Object.assign(filters, blank())
    apply()
  }
  return { filters, chosen, page, pageSize, query, apply, reset }
}
