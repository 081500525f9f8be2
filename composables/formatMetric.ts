import type { UsageMetricKey } from '#shared/schemas/usage'

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 })

/** A usage figure as people read it: bytes in MB/GB, counts compacted (12.3K). */
export function formatMetric(metric: UsageMetricKey, value: number): string {
  if (metric === 'storage_bytes') {
    const units = ['B', 'KB', 'MB', 'GB', 'TB']
    let v = value
    let u = 0
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024
      u++
    }
    return `${v.toFixed(v >= 10 || u === 0 ? 0 : 1)} ${units[u]}`
  }
  return compact.format(value)
}
