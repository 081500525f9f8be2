import { randomUUID } from 'node:crypto'

// First on every request: an id to correlate logs and audit entries, the start time, the client IP,
// and the request metrics' count once it is answered.
export default defineEventHandler((event) => {
  event.context.startedAt = performance.now()
  const incoming = getHeader(event, 'x-request-id')
  event.context.requestId = trustsProxy(event) && incoming && /^[\w-]{8,128}$/.test(incoming) ? incoming : randomUUID()
  event.context.clientIp = clientIp(event)
  setHeader(event, 'x-request-id', event.context.requestId)
  // Counted when the response is done, whatever answered it (errors included): request metrics.
  event.node.res.once('finish', () => recordRequest(event))
})
