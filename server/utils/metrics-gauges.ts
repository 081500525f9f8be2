import { sql } from 'drizzle-orm'
import { rowsOf } from '#server/database/connect'
import { useDatabase } from './db'
import { useJobs } from './jobs'
import { logger } from './logger'
import { metrics } from './prometheus'

// The figures read from the database are shared by every instance and cost a query: read at most
// every 15 seconds, however often (and by however many scrapers) /metrics is asked.
const SHARED_EVERY_MS = 15_000
let sharedReadAt = 0

/** Refreshes the gauges read from the database (job queues, live sessions); a failure leaves the last values. */
export async function refreshSharedGauges(now = Date.now()): Promise<void> {
  if (now - sharedReadAt < SHARED_EVERY_MS) return
  sharedReadAt = now
  const m = metrics()
  const handle = await useDatabase()
  try {
    const [row] = rowsOf<{ n: number | string }>(await handle.db.execute(sql`select live_session_count() as n`))
    m.sessions.set(Number(row?.n ?? 0))
  }
  catch (error) {
    logger().warn({ err: error }, 'metrics: live sessions could not be counted')
  }
  try {
    const queues = await (await useJobs()).getQueues()
    for (const q of queues) {
      m.queue.set({ queue: q.name, state: 'ready' }, q.readyCount)
      m.queue.set({ queue: q.name, state: 'deferred' }, q.deferredCount)
      m.queue.set({ queue: q.name, state: 'active' }, q.activeCount)
      m.queue.set({ queue: q.name, state: 'failed' }, q.failedCount)
    }
  }
  catch (error) {
    logger().warn({ err: error }, 'metrics: job queues could not be read')
  }
}
