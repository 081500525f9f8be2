// Graceful shutdown in two steps, so a load balancer never sends work to an instance that is going:
//  1. SIGTERM: /api/ready answers 503 at once, and the instance keeps serving for
//     NUXT_SHUTDOWN_DRAIN_SECONDS (default 5) while the balancer notices and stops sending.
//  2. Then Nitro's own graceful shutdown: no new connections, the requests in flight finish, the
//     `close` hooks run (jobs stop taking work and finish theirs, then the pool closes), exit 0.
// Nitro's handler is moved to SIGUSR2, which this instance sends itself after the drain; SIGINT
// (Ctrl-C in a terminal) skips the wait. The variable is read when the server starts listening,
// after the plugins have run.
const DRAIN_SIGNAL = 'SIGUSR2'

export default defineNitroPlugin(() => {
  if (import.meta.dev) return
  process.env.NITRO_SHUTDOWN_SIGNALS = DRAIN_SIGNAL
  const drainSeconds = Math.max(0, Number(process.env.NUXT_SHUTDOWN_DRAIN_SECONDS ?? 5) || 0)
  let started = false
  const begin = (signal: NodeJS.Signals, seconds: number) => {
    if (started) return
    started = true
    startDraining()
    logger().info({ signal, drainSeconds: seconds }, 'shutting down: not ready; serving while the load balancer drains, then finishing the requests in flight')
    setTimeout(() => process.kill(process.pid, DRAIN_SIGNAL), seconds * 1000).unref?.()
  }
  process.once('SIGTERM', () => begin('SIGTERM', drainSeconds))
  process.once('SIGINT', () => begin('SIGINT', 0))
})
