/** Revisions per source as GET /api/analytics/revisions answers (`{ deals: 'r12', leads: 'r3' }`). */
export type SourceRevisions = Partial<Record<string, string>>

export const LIVE_POLL_MS = 15_000

/** The sources whose revision moved between two answers (new sources count as moved). */
export function changedSources(before: SourceRevisions | null, after: SourceRevisions): string[] {
  if (!before) return []
  return Object.keys(after).filter(k => before[k] !== after[k])
}

/**
 * Live numbers: while the page is visible, asks every 15 s whether any source changed, sending
 * the last ETag (304 = nothing to do), and calls `onChange` with the sources whose revision
 * moved, so only the widgets that read them are fetched again. Paused while the tab is hidden;
 * a check runs as soon as it is visible again.
 */
export function useLiveRevisions(onChange: (sources: string[]) => void | Promise<void>, baseline: () => SourceRevisions | null = () => null) {
  const visibility = useDocumentVisibility()
  const lastChecked = ref<Date | null>(null)
  let etag: string | null = null
  // The page's own answer may carry the revisions it was computed from: changes since then count.
  let revisions: SourceRevisions | null = baseline()
  let busy = false

  async function check() {
    if (busy || visibility.value !== 'visible') return
    busy = true
    try {
      const res = await $fetch.raw<SourceRevisions>('/api/analytics/revisions', {
        headers: etag ? { 'If-None-Match': etag } : {},
        ignoreResponseError: true,
      })
      lastChecked.value = new Date()
      if (res.status === 304 || !res.ok || !res._data) return
      etag = res.headers.get('etag')
      const moved = changedSources(revisions, res._data)
      revisions = res._data
      if (moved.length) await onChange(moved)
    }
    catch {
      // Offline or the server restarting: the next tick tries again.
    }
    finally {
      busy = false
    }
  }

  const { pause, resume } = useIntervalFn(check, LIVE_POLL_MS, { immediate: false })
  onMounted(() => {
    check()
    if (visibility.value === 'visible') resume()
  })
  watch(visibility, (v) => {
    if (v === 'visible') {
      check()
      resume()
    }
    else pause()
  })
  return { lastChecked: readonly(lastChecked), check }
}
