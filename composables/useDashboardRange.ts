import type { AnalyticsFilters } from '#shared/analytics'
import { analyticsFiltersSchema, dateRangeSchema } from '#shared/analytics'
import { dateTimeFormat } from '#shared/intl'

export const RANGE_PRESETS = [
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: '90d', label: 'Last 90 days' },
  { value: 'quarter', label: 'This quarter' },
  { value: 'year', label: 'This year' },
  { value: 'custom', label: 'Custom range' },
] as const
export type RangePreset = typeof RANGE_PRESETS[number]['value']

const iso = (d: Date) => d.toISOString().slice(0, 10)

/** Today as a calendar day in a time zone (YYYY-MM-DD). */
export function todayIn(timeZone: string, now = new Date()): string {
  return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** The from/to days of a preset, ending today (both ends included). */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, today: string): { from: string, to: string } {
  const t = new Date(`${today}T00:00:00Z`)
  const back = (days: number) => iso(new Date(t.getTime() - (days - 1) * 86_400_000))
  if (preset === '7d') return { from: back(7), to: today }
  if (preset === '30d') return { from: back(30), to: today }
  if (preset === '90d') return { from: back(90), to: today }
  if (preset === 'quarter') return { from: iso(new Date(Date.UTC(t.getUTCFullYear(), Math.floor(t.getUTCMonth() / 3) * 3, 1))), to: today }
  return { from: `${t.getUTCFullYear()}-01-01`, to: today }
}

const FILTER_KEYS = ['ownerId', 'pipelineId'] as const

/**
 * The date range and filters of a dashboard, kept in the address (`?range=90d&ownerId=…`, or
 * `?range=custom&from=…&to=…`) so a view can be shared and survives a reload. Days are in the
 * workspace's time zone. A malformed address falls back to the last 30 days.
 */
export function useDashboardRange() {
  const route = useRoute()
  const router = useRouter()
  const tenant = useTenant()
  const q = (k: string) => typeof route.query[k] === 'string' ? route.query[k] as string : undefined

  const preset = computed<RangePreset>(() => RANGE_PRESETS.some(p => p.value === q('range')) ? q('range') as RangePreset : '30d')
  const range = computed(() => {
    const today = todayIn(tenant.value?.preferences?.timeZone ?? 'UTC')
    if (preset.value === 'custom') {
      const custom = dateRangeSchema.safeParse({ from: q('from'), to: q('to') })
      if (custom.success) return custom.data
    }
    return presetRange(preset.value === 'custom' ? '30d' : preset.value, today)
  })
  const filters = computed<AnalyticsFilters>(() => {
    // Each filter on its own: one malformed value (an owner of "none") drops only itself.
    const out: AnalyticsFilters = {}
    for (const k of FILTER_KEYS) {
      const v = analyticsFiltersSchema.shape[k].safeParse(q(k))
      if (v.success && v.data) out[k] = v.data
    }
    return out
  })

  function update(patch: Record<string, string | undefined>) {
    router.replace({ query: { ...route.query, ...patch } })
  }

  return {
    preset,
    range,
    filters,
    setPreset: (p: Exclude<RangePreset, 'custom'>) => update({ range: p, from: undefined, to: undefined }),
    /** Applies a custom range, or answers the field errors (`{ to: 'must not end before it starts' }`). */
    setCustom(from: string, to: string): Record<string, string> | null {
      const parsed = dateRangeSchema.safeParse({ from, to })
      if (!parsed.success) return Object.fromEntries(parsed.error.issues.map(i => [String(i.path[0] ?? 'to'), i.message]))
      update({ range: 'custom', from, to })
      return null
    },
    setFilter: (key: typeof FILTER_KEYS[number], value: string | undefined) => update({ [key]: value || undefined }),
  }
}
