import type { Dashboard, SavedWidget, WidgetLayout } from '#shared/schemas/dashboards'
import { GRID_COLUMNS } from '#shared/schemas/dashboards'

/** What the editor changes before saving. */
interface Draft { name: string, description: string | null, widgets: SavedWidget[], sharedRoleKeys: string[] }

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v))
const draftOf = (d: Dashboard): Draft => copy({ name: d.name, description: d.description, widgets: d.widgets, sharedRoleKeys: d.sharedRoleKeys })

/** A new widget's id: short, unique enough within one dashboard. */
export const newWidgetId = () => `w-${Math.random().toString(36).slice(2, 10)}`

/** Where a new widget of width `w` goes: below everything, at the left. */
export function nextSlot(widgets: SavedWidget[], w = 6, h = 4): WidgetLayout {
  const y = widgets.reduce((max, x) => Math.max(max, x.layout.y + x.layout.h), 0)
  return { x: 0, y, w: Math.min(w, GRID_COLUMNS), h }
}

/**
 * One custom dashboard being viewed or edited: a draft of its name, widgets and sharing, saved
 * with the version it was read at (another tab's save answers 409 and the page offers a reload),
 * and a dirty flag that guards leaving edit mode with unsaved changes.
 */
export async function useDashboardEditor(id: string) {
  const tenant = useTenant()
  const toast = useToast()
  const { data: dashboard, error, refresh } = await useFetch<Dashboard>(`/api/dashboards/${id}`, { key: `dashboard:${tenant.value?.id}:${id}` })
  const draft = ref<Draft | null>(dashboard.value ? draftOf(dashboard.value) : null)
  const editing = ref(false)
  const saving = ref(false)
  const stale = ref(false)
  watch(dashboard, (d) => {
    if (d && !editing.value) draft.value = draftOf(d)
  })

  const dirty = computed(() => !!dashboard.value && !!draft.value && JSON.stringify(draftOf(dashboard.value)) !== JSON.stringify(draft.value))

  function startEditing() {
    if (dashboard.value) draft.value = draftOf(dashboard.value)
    editing.value = true
  }
  function discard() {
    if (dashboard.value) draft.value = draftOf(dashboard.value)
    editing.value = false
  }

  /** Sends the draft (or the given part of it) with the version read; false when it failed. */
  async function save(part?: Partial<Draft>): Promise<boolean> {
    if (!dashboard.value || !draft.value) return false
    saving.value = true
    try {
      const body = { ...(part ?? draft.value), version: dashboard.value.version }
      dashboard.value = await $fetch<Dashboard>(`/api/dashboards/${id}`, { method: 'PATCH', body })
      if (part) Object.assign(draft.value, copy(part))
      else draft.value = draftOf(dashboard.value)
      if (!part) editing.value = false
      toast.add({ title: 'Dashboard saved', color: 'success', icon: 'i-lucide-check' })
      return true
    }
    catch (e) {
      if ((e as { statusCode?: number }).statusCode === 409) stale.value = true
      else toast.add({ title: errorMessage(e), color: 'error', icon: 'i-lucide-circle-alert' })
      return false
    }
    finally {
      saving.value = false
    }
  }

  async function reload() {
    stale.value = false
    editing.value = false
    await refresh()
    if (dashboard.value) draft.value = draftOf(dashboard.value)
  }

  function upsertWidget(widget: SavedWidget) {
    if (!draft.value) return
    const i = draft.value.widgets.findIndex(w => w.id === widget.id)
    if (i >= 0) draft.value.widgets.splice(i, 1, widget)
    else draft.value.widgets.push(widget)
  }
  function removeWidget(widgetId: string) {
    if (draft.value) draft.value.widgets = draft.value.widgets.filter(w => w.id !== widgetId)
  }
  function setLayouts(layouts: { i: string | number, x: number, y: number, w: number, h: number }[]) {
    if (!draft.value) return
    for (const l of layouts) {
      const w = draft.value.widgets.find(x => x.id === String(l.i))
      if (w && (w.layout.x !== l.x || w.layout.y !== l.y || w.layout.w !== l.w || w.layout.h !== l.h)) w.layout = { x: l.x, y: l.y, w: l.w, h: l.h }
    }
  }

  return { dashboard, error, draft, editing, saving, stale, dirty, startEditing, discard, save, reload, upsertWidget, removeWidget, setLayouts }
}
