import type { LocationQuery } from 'vue-router'
import type { RecordType } from '#shared/records'
import { RECORDS } from '#shared/records'
import type { CustomFieldDef, RecordList } from '#shared/schemas/records'
import { DEFAULT_PREFERENCES } from '#shared/schemas/workspace'

/** Keys of a list's address that are not filters. */
const VIEW_KEYS = ['q', 'sort', 'dir', 'columns', 'after'] as const
export const LIST_PAGE = 25

const one = (v: LocationQuery[string]) => (Array.isArray(v) ? v[0] : v) ?? undefined

/** A list address's query as plain strings (repeated keys keep their first value). */
export function flatQuery(query: LocationQuery): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(query)) {
    const value = one(v)
    if (typeof value === 'string' && value !== '') out[k] = value
  }
  return out
}

/** One filter in force, as the chips above a list show it. */
export interface ActiveFilter { key: string, field: RecordField | null, bound: 'From' | 'To' | null, value: string }

/**
 * A record list's whole view — search, filters, sort, columns and the page (a stack of keyset
 * cursors, `after=c1.c2`) — lives in the address, so a filtered list can be shared, reloaded
 * and saved as a view. The API query is derived from it: date ranges on date-and-time fields
 * are whole days in the workspace's time zone.
 */
export async function useRecordList(type: RecordType) {
  const tenant = useTenant()
  const route = useRoute()
  const def = RECORDS[type]
  const timeZone = computed(() => tenant.value?.preferences?.timeZone ?? DEFAULT_PREFERENCES.timeZone)

  // Both requests start before the first await: a composable loses Nuxt's context after one.
  const custom = useFetch<CustomFieldDef[]>('/api/custom-fields', {
    key: `custom-fields:${tenant.value?.id}:${type}`,
    query: { recordType: type },
    default: () => [],
  })
  const customDefs = custom.data
  const fields = computed(() => recordFields(type, customDefs.value))
  const byKey = computed(() => new Map(fields.value.map(f => [f.key, f])))

  const url = computed(() => flatQuery(route.query))
  const sort = computed(() => url.value.sort ?? def.defaultSort.field)
  const dir = computed<'asc' | 'desc'>(() => (url.value.dir as 'asc' | 'desc' | undefined) ?? (url.value.sort ? 'asc' : def.defaultSort.dir))
  const cursors = computed(() => url.value.after ? url.value.after.split('.').filter(Boolean) : [])
  const page = computed(() => cursors.value.length + 1)
  const columns = computed(() => {
    const chosen = url.value.columns?.split(',').filter(k => byKey.value.has(k))
    return chosen?.length ? chosen : fields.value.filter(f => f.column).map(f => f.key)
  })

  /** Which field a filter key is about (`status`, `createdAtFrom`, `cf.tierTo`, tickets' `breached`). */
  function parseFilterKey(key: string): { field: RecordField | null, bound: 'From' | 'To' | null } {
    const direct = byKey.value.get(key)
    if (direct) return { field: direct, bound: null }
    const m = /^(.*?)(From|To)$/.exec(key)
    const ranged = m ? byKey.value.get(m[1]!) : undefined
    return ranged ? { field: ranged, bound: m![2] as 'From' | 'To' } : { field: null, bound: null }
  }

  const filters = computed<ActiveFilter[]>(() => Object.entries(url.value)
    .filter(([k]) => !(VIEW_KEYS as readonly string[]).includes(k))
    .map(([key, value]) => ({ key, value, ...parseFilterKey(key) })))
  const filtered = computed(() => filters.value.length > 0 || !!url.value.q)

  const apiQuery = computed(() => {
    const out: Record<string, string | number> = { limit: LIST_PAGE, sort: sort.value, dir: dir.value }
    if (url.value.q) out.q = url.value.q
    if (cursors.value.length) out.cursor = cursors.value.at(-1)!
    for (const f of filters.value) {
      // A day range on a date-and-time field covers whole days where the workspace is.
      if (f.field?.kind === 'datetime' && f.bound && /^\d{4}-\d{2}-\d{2}$/.test(f.value)) {
        out[f.key] = f.bound === 'From'
          ? zonedToIso(f.value, timeZone.value)
          : new Date(new Date(zonedToIso(nextDay(f.value), timeZone.value)).getTime() - 1).toISOString()
      }
      else out[f.key] = f.value
    }
    return out
  })

  const listFetch = useFetch<RecordList>(`/api/records/${type}`, {
    key: computed(() => `records:${tenant.value?.id}:${type}:${JSON.stringify(apiQuery.value)}`),
    query: apiQuery,
  })
  const [, list] = await Promise.all([custom, listFetch])

  /** Changes the address (no history entry per keystroke); any change but paging starts at page 1. */
  async function setQuery(patch: Record<string, string | null | undefined>, paging = false): Promise<void> {
    const merged: Record<string, string | null | undefined> = { ...url.value, ...patch }
    if (!paging) merged.after = null
    const next = Object.fromEntries(Object.entries(merged).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''))
    await navigateTo({ query: next }, { replace: true })
  }

  /** Clicking a sortable header: sort by it (newest or biggest first for dates and figures), or flip. */
  function toggleSort(key: string) {
    if (sort.value === key) return setQuery({ sort: key, dir: dir.value === 'asc' ? 'desc' : 'asc' })
    const kind = byKey.value.get(key)?.kind
    return setQuery({ sort: key, dir: kind && ['date', 'datetime', 'number', 'money'].includes(kind) ? 'desc' : 'asc' })
  }

  const nextPage = async () => {
    if (list.data.value?.nextCursor) await setQuery({ after: [...cursors.value, list.data.value.nextCursor].join('.') }, true)
  }
  const previousPage = () => setQuery({ after: cursors.value.slice(0, -1).join('.') || null }, true)

  function setColumns(keys: string[]) {
    const defaults = fields.value.filter(f => f.column).map(f => f.key)
    return setQuery({ columns: keys.join(',') === defaults.join(',') ? null : keys.join(',') }, true)
  }

  async function clearFilters(): Promise<void> {
    const keep: Record<string, string> = {}
    for (const k of ['sort', 'dir', 'columns'] as const) if (url.value[k]) keep[k] = url.value[k]!
    await navigateTo({ query: keep }, { replace: true })
  }

  /** Shows a saved view (or a preset): its query replaces the address's. */
  const applyView = async (query: Record<string, string>): Promise<void> => {
    await navigateTo({ query }, { replace: true })
  }
  /** The view as it would be saved: the address without the page. */
  const viewQuery = computed(() => {
    const { after: _after, ...rest } = url.value
    return rest
  })

  return { def, fields, byKey, customDefs, url, sort, dir, page, cursors, columns, filters, filtered, apiQuery, list, setQuery, toggleSort, nextPage, previousPage, setColumns, clearFilters, applyView, viewQuery, timeZone }
}

export type RecordListView = Awaited<ReturnType<typeof useRecordList>>
