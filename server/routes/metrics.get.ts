import { timingSafeEqual } from 'node:crypto'
import type { ApiErrorBody } from '#shared/errors'

// Prometheus's scrape: this instance's metrics in the text format (server/utils/prometheus.ts).
// Off (404) unless NUXT_METRICS_TOKEN is set; then only with `Authorization: Bearer <token>`.
// Asked of each instance by its own address, so no tenant host is involved.
export default defineEventHandler(async (event) => {
  const token = String(useRuntimeConfig(event).metricsToken || '')
  if (!token) {
    setResponseStatus(event, 404)
    return { statusCode: 404, message: 'Not found', data: { code: 'NOT_FOUND' } } satisfies ApiErrorBody
  }
  const given = Buffer.from(getHeader(event, 'authorization')?.replace(/^Bearer\s+/i, '') ?? '')
  const wanted = Buffer.from(token)
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    // Answered, not thrown: outside /api a thrown error would render an error page on no tenant's host.
    setResponseStatus(event, 401)
    setHeader(event, 'www-authenticate', 'Bearer realm="metrics"')
    return { statusCode: 401, message: 'Send the metrics token as a bearer token', data: { code: 'UNAUTHORIZED' } } satisfies ApiErrorBody
  }
  await refreshSharedGauges()
  const { registry } = metrics()
  setHeader(event, 'content-type', registry.contentType)
  setHeader(event, 'cache-control', 'no-store')
  return registry.metrics()
})
