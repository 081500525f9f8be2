import pino from 'pino'
import type { Logger } from 'pino'

// The server's log: one JSON object a line on stdout (pino, no transports: they run worker threads
// that break once the server is bundled). Level from NUXT_LOG_LEVEL (default `info`); the access
// lines (one per request) can be turned off with NUXT_ACCESS_LOG=false. Kept on globalThis so a dev
// reload does not open a second stream.

const KEY = Symbol.for('atrium.logger')
type Holder = typeof globalThis & { [KEY]?: Logger }

export function logger(): Logger {
  const holder = globalThis as Holder
  holder[KEY] ??= pino({
    level: process.env.NUXT_LOG_LEVEL || 'info',
    base: { service: 'atrium', pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: label => ({ level: label }) },
  })
  return holder[KEY]
}

/** Whether each request gets an access line. */
export const accessLogOn = () => process.env.NUXT_ACCESS_LOG !== 'false'
