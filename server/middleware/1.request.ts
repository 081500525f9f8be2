import { randomUUID } from 'node:crypto'

// First on every request: an id to correlate logs and audit entries, the start time and the client
// IP. When the response is done (errors included): the console's request metrics, the Prometheus
// series, and one JSON access line (request id, tenant, route pattern, status, duration).
export default defineEventHandler((event) => {
  event.context.startedAt = performance.now()
  const incoming = getHeader(event, 'x-request-id')
  event.context.requestId = trustsProxy(event) && incoming && /^[\w-]{8,128}$/.test(incoming) ? incoming : randomUUID()
  event.context.clientIp = parentClientIp(event) ?? clientIp(event)
  setHeader(event, 'x-request-id', event.context.requestId)
  event.node.res.once('finish', () => {
    recordRequest(event)
    const seconds = (performance.now() - (event.context.startedAt ?? performance.now())) / 1000
    observeRequest(event, seconds)
    if (!accessLogOn()) return
    const site = event.context.site
    logger().info({
      msg: 'request',
      requestId: event.context.requestId,
      tenantId: site?.kind === 'tenant' ? site.tenant.id : undefined,
      method: event.method,
      route: routePattern(event),
      status: event.node.res.statusCode,
      ms: Math.round(seconds * 10_000) / 10,
      ip: event.context.clientIp,
    })
  })
})
