import { describe, expect, it } from 'vitest'
import { DIMENSIONS, METRIC_KEYS, METRICS } from '../../shared/analytics'
import { ANALYTICS_SOURCES, HOME_KPIS } from '../../shared/schemas/analytics'
import { METRIC_SQL, SOURCE_SQL } from '../../server/services/analytics/catalogue'

// The SQL catalogue covers the shared one: every metric has its SQL, every dimension a metric
// allows can be computed on its source, and every source dashboards watch has a table.
describe('analytics SQL catalogue', () => {
  it('has SQL for every metric of shared/analytics.ts', () => {
    expect(Object.keys(METRIC_SQL).sort()).toEqual([...METRIC_KEYS].sort())
    for (const key of METRIC_KEYS) {
      const m = METRIC_SQL[key]
      if (m.agg !== 'count') expect(m.value, key).toBeDefined()
    }
  })

  it('can compute every dimension each metric allows', () => {
    for (const key of METRIC_KEYS) {
      const source = SOURCE_SQL[METRICS[key].source]
      for (const dim of METRICS[key].dimensions) {
        const computable = DIMENSIONS[dim].kind === 'time' || ['weekday', 'hour', 'owner'].includes(dim) || !!source.categories[dim]
        expect(computable, `${key} by ${dim}`).toBe(true)
      }
    }
  })

  it('knows every watched source, and the home KPIs are catalogue metrics', () => {
    expect(Object.keys(SOURCE_SQL).sort()).toEqual([...ANALYTICS_SOURCES].sort())
    for (const k of HOME_KPIS) expect(METRIC_KEYS).toContain(k)
  })
})
