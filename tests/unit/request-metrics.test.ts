import { describe, expect, it } from 'vitest'
import { histogramPercentile, isMeasured, LATENCY_BOUNDS } from '../../server/utils/request-metrics'

const empty = () => Array.from({ length: LATENCY_BOUNDS.length + 1 }, () => 0)

describe('request metrics', () => {
  it('reads p95 off the latency histogram, interpolated within its bucket', () => {
    const buckets = empty()
    buckets[0] = 90 // ≤ 5 ms
    buckets[3] = 10 // 25–50 ms
    // The 95th of 100 requests is the 5th of the 10 in the 25–50 ms bucket: halfway through it.
    expect(histogramPercentile(buckets, 0.95)).toBe(37.5)
    expect(histogramPercentile(buckets, 0.5)).toBeCloseTo(2.8, 1)
  })

  it('gives null with no requests, and the top bound for the slowest bucket', () => {
    expect(histogramPercentile(empty(), 0.95)).toBeNull()
    const slow = empty()
    slow[LATENCY_BOUNDS.length] = 3 // slower than the last bound
    expect(histogramPercentile(slow, 0.95)).toBeGreaterThan(LATENCY_BOUNDS.at(-1)!)
  })

  it('counts pages and API calls, not probes or static files', () => {
    for (const path of ['/', '/settings/members', '/api/site', '/api/platform/overview']) expect(isMeasured(path), path).toBe(true)
    for (const path of ['/api/health', '/api/ready', '/_nuxt/entry.js', '/brands/acme/logo.svg', '/favicon.ico']) expect(isMeasured(path), path).toBe(false)
  })
})
