import type { DropdownMenuItem } from '@nuxt/ui'
import type { WidgetQuery } from '#shared/analytics'

const FORMATS = [
  { format: 'csv', label: 'Download CSV', icon: 'i-lucide-file-text' },
  { format: 'xlsx', label: 'Download Excel', icon: 'i-lucide-file-spreadsheet' },
  { format: 'json', label: 'Download JSON', icon: 'i-lucide-file-json' },
] as const

/**
 * A widget card's download items: its data as CSV, XLSX or JSON through
 * POST /api/analytics/export (same query, same visibility, audited). No items without
 * `analytics:export`; the server checks again.
 */
export function useWidgetExport() {
  const can = useCan()
  const toast = useToast()

  async function download(query: WidgetQuery, format: typeof FORMATS[number]['format'], title: string) {
    try {
      const blob = await $fetch<Blob>('/api/analytics/export', { method: 'POST', query: { format }, body: query, responseType: 'blob' })
      const href = URL.createObjectURL(blob)
      const a = document.createElement('a')
      a.href = href
      a.download = exportFileName(title, format)
      document.body.appendChild(a)
      a.click()
      a.remove()
      setTimeout(() => URL.revokeObjectURL(href), 1000)
    }
    catch (e) {
      toast.add({ title: 'The download failed', description: errorMessage(e), color: 'error', icon: 'i-lucide-circle-alert' })
    }
  }

  /** The menu items for a widget whose query is known (none while it is not). */
  function exportItems(query: WidgetQuery | null | undefined, title: string): DropdownMenuItem[] {
    if (!query || !can('analytics:export')) return []
    return FORMATS.map(f => ({ label: f.label, icon: f.icon, onSelect: () => download(query, f.format, title) }))
  }

  return { exportItems }
}
