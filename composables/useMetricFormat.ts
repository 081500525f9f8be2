import type { MetricFormat } from '#shared/analytics'
import { numberFormat } from '#shared/intl'
import { minorToDecimal } from '#shared/money'

/** Which metrics are better when they go down (a rise is shown in the error colour). */
export const LOWER_IS_BETTER = new Set<string>(['deals.cycle_days', 'tickets.open', 'tickets.sla_breaches', 'tickets.resolution_hours', 'tasks.overdue'])

/**
 * A dashboard figure as people read it, in the workspace's locale and currency: money from minor
 * units, a fraction as a percentage, days and hours with one decimal. `compact` shortens big
 * numbers for axis labels (12.3K).
 */
export function useMetricFormat() {
  const tenant = useTenant()
  const prefs = computed(() => tenant.value?.preferences)
  return (format: MetricFormat, value: number | null | undefined, compact = false): string => {
    if (value === null || value === undefined || Number.isNaN(value)) return '—'
    const locale = prefs.value?.locale ?? 'en'
    const short = compact ? { notation: 'compact' as const, maximumFractionDigits: 1 } : {}
    switch (format) {
      case 'money': {
        const currency = prefs.value?.currency ?? 'USD'
        return numberFormat(locale, { style: 'currency', currency, ...short, ...(compact ? {} : { maximumFractionDigits: 0 }) }).format(minorToDecimal(value, currency))
      }
      case 'percent':
        return numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value)
      case 'days':
        return `${numberFormat(locale, { maximumFractionDigits: 1 }).format(value)} d`
      case 'hours':
        return `${numberFormat(locale, { maximumFractionDigits: 1 }).format(value)} h`
      default:
        return numberFormat(locale, compact ? short : { maximumFractionDigits: 0 }).format(value)
    }
  }
}

export type MetricFormatter = ReturnType<typeof useMetricFormat>
