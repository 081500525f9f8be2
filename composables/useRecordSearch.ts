import type { Ref } from 'vue'
import { refDebounced } from '@vueuse/core'
import type { SearchHit, SearchResult } from '#shared/schemas/search'

/**
 * Live search for the command palette: asks GET /api/search once typing pauses, and keeps only
 * the answer to the latest question (a slow early answer never replaces a newer one).
 */
export function useRecordSearch(term: Ref<string>, limit = 8) {
  const debounced = refDebounced(term, 200)
  const results = ref<SearchHit[]>([])
  const loading = ref(false)
  let asked = 0
  watch(debounced, async (q) => {
    const mine = ++asked
    if (!q.trim()) {
      results.value = []
      loading.value = false
      return
    }
    loading.value = true
    try {
      const answer = await $fetch<SearchResult>('/api/search', { query: { q: q.slice(0, 200), limit } })
      if (mine === asked) results.value = answer.items
    }
    catch {
      if (mine === asked) results.value = []
    }
    finally {
      if (mine === asked) loading.value = false
    }
  })
  return { results, loading }
}
