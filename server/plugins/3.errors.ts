import type { H3Error } from 'h3'

// Every error passes here before Nitro's error handler writes the response (Nitro calls its
// `error` hooks first, synchronously): what the database refused becomes the contract's 4xx or 503
// (utils/db-errors.ts); anything still unknown is logged once, as JSON with the request id, route
// and stack, while the response itself carries no internals.
const UNREACHABLE_LOG_EVERY_MS = 10_000
/** When the last "database unreachable" line was written, and how many 503s were answered since. */
const unreachable = { loggedAt: 0, since: 0 }

export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('error', (error, { event }) => {
    const verdict = translateDatabaseError(error as H3Error)
    const context = { requestId: event?.context.requestId, route: event ? routePattern(event) : undefined, method: event?.method }
    if (verdict?.status === 503) {
      if (event && !event.node.res.headersSent) setHeader(event, 'retry-after', UNAVAILABLE_RETRY_SECONDS)
      const cause = (error as Error).cause
      // One line per outage (every ten seconds at most), not one per request: each request still has its access line.
      const now = Date.now()
      if (now - unreachable.loggedAt >= UNREACHABLE_LOG_EVERY_MS) {
        logger().warn({ ...context, status: 503, cause: cause instanceof Error ? cause.message : undefined, alsoAnswered503: unreachable.since }, 'database unreachable: answering 503 with Retry-After until it returns')
        unreachable.loggedAt = now
        unreachable.since = 0
      }
      else {
        unreachable.since++
        logger().debug({ ...context, status: 503, cause: cause instanceof Error ? cause.message : undefined }, 'database unreachable: answered 503')
      }
      return
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500
    if (status >= 500) logger().error({ ...context, status, err: (error as Error).cause ?? error }, (error as Error).message)
  })
})
