import { eq, isNull, sql } from 'drizzle-orm'
import { plans, tenants } from '#drizzle/schema'
import { rowsOf } from '#server/database/connect'
import { RECORD_TYPES } from '#shared/records'
import type { TenantScope } from '#server/utils/tenant-db'
import { RECORD_TABLES } from './registry'

/** Live (not deleted) records of every type, in one statement: what the plan's record limit counts. */
export async function countLiveRecords(scope: TenantScope): Promise<number> {
  return (await countWithBackends(scope)).used
}

/** The live records, and how many backends the database allows at once (max_connections). */
async function countWithBackends(scope: TenantScope): Promise<{ used: number, backends: number }> {
  const parts = RECORD_TYPES.map((type) => {
    const table = RECORD_TABLES[type]
    return sql`(select count(*) from ${table} where ${scope.where(table, isNull(table.deletedAt))})`
  })
  const [row] = rowsOf<{ used: number | string, backends: number | string }>(await scope.tx.execute(
    sql`select (${sql.join(parts, sql` + `)})::int as used, current_setting('max_connections')::int as backends`,
  ))
  return { used: Number(row!.used), backends: Number(row!.backends) }
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
  const limitOf = async (lock?: 'share' | 'update') => {
    const query = scope.tx.select({ limits: plans.limits }).from(tenants).innerJoin(plans, eq(plans.id, tenants.planId)).where(eq(tenants.id, scope.tenantId)).limit(1)
    const [row] = await (lock ? query.for(lock, { of: tenants }) : query)
    return row!.limits.records
  }
  let mode = state?.mode
  let limit = await limitOf()
  if (limit === null) return
  if (!mode) {
    // Which lock to take, from a count without one; the count under the lock decides.
    const { used, backends } = await countWithBackends(scope)
    mode = adding <= SHARED_ROWS && used + SHARED_ROWS * backends <= limit ? 'share' : 'update'
    limit = await limitOf(mode)
    if (limit === null) return
  }
  const counted = await countWithBackends(scope)
  let used = counted.used
  if (mode === 'share' && !(adding + (state?.added ?? 0) <= SHARED_ROWS && used + SHARED_ROWS * counted.backends <= limit)) {
    // Came near the limit meanwhile, or adds more than the shared mode allows: wait for the others.
    mode = 'update'
    await limitOf(mode)
    used = (await countWithBackends(scope)).used
  }
  if (used + adding > limit) {
    throw apiError(409, 'PLAN_LIMIT', `The plan includes ${limit.toLocaleString('en-US')} records and ${used.toLocaleString('en-US')} are in use. Delete records or upgrade the plan.`)
  }
  held.set(scope.tx, { mode, added: (mode === 'share' ? (state?.added ?? 0) : 0) + adding })
}
