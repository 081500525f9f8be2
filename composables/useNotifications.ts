import type { NotificationRow } from '#shared/notifications'

/** How often the bell asks whether something new came in, while the page is visible. */
export const NOTIFICATIONS_POLL_MS = 30_000

/**
 * The bell's state: the unread count (asked every 30 s while the tab is visible, and at once when
 * it becomes visible again), and the latest notifications, loaded when the list is opened. Shared:
 * the bell in the sidebar and the one in the phone header poll once between them.
 */
export const useNotifications = createSharedComposable(() => {
  const visibility = useDocumentVisibility()
  const unread = ref(0)
  const items = ref<NotificationRow[]>([])
  const nextCursor = ref<string | null>(null)
  const loading = ref(false)
  const failed = ref(false)

  async function count() {
    if (visibility.value !== 'visible') return
    try {
      unread.value = (await $fetch<{ unread: number }>('/api/notifications/unread')).unread
    }
    catch {
      // Offline or the server restarting: the next tick asks again.
    }
  }

  async function load(more = false) {
    loading.value = true
    failed.value = false
    try {
      const page = await $fetch<{ items: NotificationRow[], nextCursor: string | null, unread: number }>('/api/notifications', { query: more && nextCursor.value ? { cursor: nextCursor.value } : {} })
      items.value = more ? [...items.value, ...page.items] : page.items
      nextCursor.value = page.nextCursor
      unread.value = page.unread
    }
    catch {
      failed.value = true
    }
    finally {
      loading.value = false
    }
  }

  async function markRead(body: { ids: string[] } | { all: true }) {
    const stamp = new Date().toISOString()
    items.value = items.value.map(n => !n.readAt && ('all' in body || body.ids.includes(n.id)) ? { ...n, readAt: stamp } : n)
    unread.value = (await $fetch<{ unread: number }>('/api/notifications/read', { method: 'POST', body })).unread
  }

  const { pause, resume } = useIntervalFn(count, NOTIFICATIONS_POLL_MS, { immediate: false })
  onMounted(() => {
    count()
    resume()
  })
  watch(visibility, (v) => {
    if (v === 'visible') {
      count()
      resume()
    }
    else pause()
  })

  return { unread, items, nextCursor, loading, failed, load, markRead }
})
