import { sql } from 'drizzle-orm'
import journal from '#drizzle/migrations/meta/_journal.json'
import { rowsOf } from '#server/database/connect'

export interface Readiness {
  ready: boolean
  database: { reachable: boolean, latencyMs: number | null }
  migrations: { applied: number | null, expected: number, current: boolean }
  /** The shared cache: when it is away the instance still serves (from the database), so it is reported, not "not ready". */
  redis: { configured: boolean, reachable: boolean, latencyMs: number | null }
  problems: string[]
  /** What works in a slower way meanwhile (Redis away); never makes the instance not ready. */
  degraded: string[]
}

// Set on SIGTERM/SIGINT (plugins/2.database.ts): from then on the instance reports itself not
// ready, so a load balancer stops sending it work while what is in flight finishes.
let draining = false
export function startDraining(): void {
  draining = true
}
export const isDraining = () => draining

/** The migrations this build was made with: how many, and the stamp of the newest. */
const EXPECTED = { count: journal.entries.length, last: journal.entries.at(-1)?.when ?? 0 }

/**
 * Whether this instance can serve: the database answers, and every migration the code expects
 * has been applied (drizzle stamps each applied migration with its journal time). A database that
 * is behind the code, or unreachable, means "not ready" — a load balancer keeps traffic away.
 * Redis is reported beside it: without it every instance still serves, only slower.
 */
export async function checkReadiness(): Promise<Readiness> {
  const problems: string[] = draining ? ['shutting down: finishing the requests in flight'] : []
  const redisCheck = pingRedis()
  let latencyMs: number | null = null
  let applied: number | null = null
  let last = 0
  try {
    const started = performance.now()
    const db = await useDb()
    const rows = rowsOf<{ n: number | string, last: number | string | null }>(await db.execute(sql`select count(*) as n, max(created_at) as last from drizzle.__drizzle_migrations`))
    latencyMs = Math.round((performance.now() - started) * 100) / 100
    applied = Number(rows[0]?.n ?? 0)
    last = Number(rows[0]?.last ?? 0)
  }
  catch (error) {
    problems.push(`database: ${(error as Error).message.split('\n')[0]}`)
  }
  const current = applied !== null && applied >= EXPECTED.count && last >= EXPECTED.last
  if (applied !== null && !current) problems.push(`migrations: ${applied} of ${EXPECTED.count} applied; run the migrations`)
  const { problem, ...redis } = await redisCheck
  return {
    ready: problems.length === 0,
    database: { reachable: applied !== null, latencyMs },
    migrations: { applied, expected: EXPECTED.count, current },
    redis,
    problems,
    // The cause stays in the log (this answer is public): only the fact, and what it means.
    degraded: problem ? ['redis: unreachable; caches and rate limits work per instance, from the database, until it returns'] : [],
  }
}
