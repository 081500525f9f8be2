import type { H3Error } from 'h3'

// Every error passes here before Nitro's error handler writes the response (Nitro calls its
// `error` hooks first, synchronously): what the database refused becomes the contract's 4xx or 503
// (utils/db-errors.ts); anything still unknown is logged once with the request id and its stack,
// while the response itself carries no internals.
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('error', (error, { event }) => {
    const verdict = translateDatabaseError(error as H3Error)
    const requestId = event?.context.requestId ?? '-'
    if (verdict?.status === 503) {
      if (event && !event.node.res.headersSent) setHeader(event, 'retry-after', UNAVAILABLE_RETRY_SECONDS)
      console.warn(`[atrium] ${requestId} ${event?.path ?? ''} 503: the database is unreachable (${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : 'connection lost'})`)
      return
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500
    if (status >= 500) console.error(`[atrium] ${requestId} ${event?.path ?? ''}`, error)
  })
})
