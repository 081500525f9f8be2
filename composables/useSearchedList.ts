/**
 * The list behind a searchable picker: what is typed (`term`), debounced, fetches `search(term)`;
 * a failed search shows nothing rather than an error. `search` may return null to skip (the
 * person may not list these).
 */
export function useSearchedList<T>(search: (term: string) => Promise<T[]> | null) {
  const term = ref('')
  const debounced = refDebounced(term, 250)
  const found = ref<T[]>([]) as Ref<T[]>
  const loading = ref(false)

  async function load() {
    const pending = search(debounced.value)
    if (!pending) return
    loading.value = true
    try {
      found.value = await pending
    }
    catch {
      found.value = []
    }
    finally {
      loading.value = false
    }
  }
  watch(debounced, load)

  return { term, found, loading, load }
}
