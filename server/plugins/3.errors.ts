// Unknown errors are logged with the request id; the response itself carries no internals.
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('error', (error, { event }) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500
    if (status >= 500) console.error(`[atrium] ${event?.context.requestId ?? '-'} ${event?.path ?? ''}`, error)
  })
})
