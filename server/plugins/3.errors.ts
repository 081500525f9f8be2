import type { H3Error } from 'h3'

// Every error passes here before Nitro's error handler writes the response (Nitro calls its
// `error` hooks first, synchronously): what the database refused becomes the contract's 4xx or 503
// (utils/db-errors.ts); anything still unknown is logged once, as JSON with the request id, route
// and stack, while the response itself carries no internals.
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('error', (error, { event }) => {
    const verdict = translateDatabaseError(error as H3Error)
    const context = { requestId: event?.context.requestId, route: event ? routePattern(event) : undefined, method: event?.method }
    if (verdict?.status === 503) {
      if (event && !event.node.res.headersSent) setHeader(event, 'retry-after', UNAVAILABLE_RETRY_SECONDS)
      const cause = (error as Error).cause
      logger().warn({ ...context, status: 503, cause: cause instanceof Error ? cause.message : undefined }, 'database unreachable: answered 503')
      return
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500
    if (status >= 500) logger().error({ ...context, status, err: (error as Error).cause ?? error }, (error as Error).message)
  })
})
