import { isNull, sql } from 'drizzle-orm'
import { plans, tenants } from '#drizzle/schema'
import { rowsOf } from '#server/database/connect'
import { RECORD_TYPES } from '#shared/records'
import { lockPlanLimits } from '#server/utils/plan-limits'
import type { TenantScope } from '#server/utils/tenant-db'
import { RECORD_TABLES } from './registry'

/** Live (not deleted) records of every type, in one statement: what the plan's record limit counts. */
export async function countLiveRecords(scope: TenantScope): Promise<number> {
  return (await countWithBackends(scope)).used
}

/**
 * The live records and how many backends the database allows at once (max_connections), in one
 * statement; with `withLimit`, also the plan's record limit as it stands (read without a lock).
 */
async function countWithBackends(scope: TenantScope, withLimit = false): Promise<{ used: number, backends: number, limit: number | null }> {
  const parts = RECORD_TYPES.map((type) => {
    const table = RECORD_TABLES[type]
    return sql`(select count(*) from ${table} where ${scope.where(table, isNull(table.deletedAt))})`
  })
  const limit = withLimit
    ? sql`(select (${plans.limits}->>'records')::int from ${tenants} join ${plans} on ${plans.id} = ${tenants.planId} where ${tenants.id} = ${scope.tenantId})`
    : sql`null::int`
  const [row] = rowsOf<{ used: number | string, backends: number | string, limit: number | string | null }>(await scope.tx.execute(
    sql`select (${sql.join(parts, sql` + `)})::int as used, current_setting('max_connections')::int as backends, ${limit} as "limit"`,
  ))
  return { used: Number(row!.used), backends: Number(row!.backends), limit: row!.limit === null ? null : Number(row!.limit) }
}

// The plan's record limit, exact, without queueing every create of a workspace behind the one
// before it (the tenant row locked FOR UPDATE until commit made one tenant's writers run one at a
// time: npm run bench:writes showed them waiting on a row of `tenants`).
//
// Far from the limit, a transaction takes the tenant row FOR SHARE, so creates run side by side,
// and counts. Each transaction in that mode adds at most SHARED_ROWS rows, and at most
// `max_connections` transactions can be open at once, so when
//   committed + SHARED_ROWS × max_connections ≤ limit
// even every open transaction's rows together still fit. Near the limit, a transaction takes the
// row FOR UPDATE: it waits for the shared holders to commit, keeps new ones out, and counts
// exactly. A transaction remembers which lock it holds (lead conversion creates three records).
const SHARED_ROWS = 4
const held = new WeakMap<object, { mode: 'share' | 'update', added: number }>()

/** Refuses (409 PLAN_LIMIT) when `adding` more live records do not fit the plan's record limit. */
export async function assertRecordsAvailable(scope: TenantScope, adding: number): Promise<void> {
  if (adding <= 0) return
  const state = held.get(scope.tx)
  if (state?.mode === 'share' && state.added + adding <= SHARED_ROWS) {
    state.added += adding
    return
  }
  let mode = state?.mode
  if (!mode) {
    // Which lock to take, from a count without one (the limit read in the same statement); the
    // count under the lock decides.
    const first = await countWithBackends(scope, true)
    if (first.limit === null) return
    mode = adding <= SHARED_ROWS && first.used + SHARED_ROWS * first.backends <= first.limit ? 'share' : 'update'
  }
  // Taking a lock this transaction already holds waits for nothing; it reads the limit.
  const limit = (await lockPlanLimits(scope, scope.tenantId, mode)).records
  if (limit === null) return
  const counted = await countWithBackends(scope)
  let used = counted.used
  if (mode === 'share' && !(adding + (state?.added ?? 0) <= SHARED_ROWS && used + SHARED_ROWS * counted.backends <= limit)) {
    // Came near the limit meanwhile, or adds more than the shared mode allows: wait for the others.
    mode = 'update'
    await lockPlanLimits(scope, scope.tenantId, mode)
    used = (await countWithBackends(scope)).used
  }
  if (used + adding > limit) {
    throw apiError(409, 'PLAN_LIMIT', `The plan includes ${limit.toLocaleString('en-US')} records and ${used.toLocaleString('en-US')} are in use. Delete records or upgrade the plan.`)
  }
  held.set(scope.tx, { mode, added: (mode === 'share' ? (state?.added ?? 0) : 0) + adding })
}
