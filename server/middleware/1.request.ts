import { randomUUID } from 'node:crypto'

// First on every request: an id to correlate logs and audit entries, the start time, the client IP.
export default defineEventHandler((event) => {
  event.context.startedAt = performance.now()
  const incoming = getHeader(event, 'x-request-id')
  event.context.requestId = trustsProxy(event) && incoming && /^[\w-]{8,128}$/.test(incoming) ? incoming : randomUUID()
  event.context.clientIp = clientIp(event)
  setHeader(event, 'x-request-id', event.context.requestId)
})
