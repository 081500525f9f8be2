import type { H3Event } from 'h3'
import { and, eq, sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { Tx } from '../database/connect'

/** Any tenant table: it has a `tenant_id` column. */
type TenantTable = PgTable & { tenantId: PgColumn }

/**
 * Layer 1 of isolation: a transaction bound to one tenant. Reads take `scope.where(table, …)`,
 * writes take `scope.values(table, rows)`, so the tenant is added to every statement.
 * Layer 2 (RLS) checks the same thing in the database from `app.tenant_id`.
 */
export class TenantScope {
  constructor(readonly tx: Tx, readonly tenantId: string) {}

  /** The table's tenant predicate, and-ed with any further conditions. */
  where(table: TenantTable, ...conditions: (SQL | undefined)[]): SQL {
    return and(eq(table.tenantId, this.tenantId), ...conditions)!
  }

  /** Rows for insert with the tenant stamped on, whatever the caller put there. */
  values<T extends Record<string, unknown>>(_table: TenantTable, rows: T[]): (T & { tenantId: string })[] {
    return rows.map(row => ({ ...row, tenantId: this.tenantId }))
  }
}

/** The postgres-js client of a transaction, or null on PGlite (whose queries run one at a time anyway). */
function postgresClient(tx: Tx): { unsafe: (query: string, params: string[]) => { execute: () => Promise<unknown> } } | null {
  const client = (tx as unknown as { session?: { client?: { unsafe?: unknown } } }).session?.client
  return typeof client?.unsafe === 'function' ? client as ReturnType<typeof postgresClient> : null
}

/**
 * Runs `fn` in one transaction with `app.tenant_id` set (bound parameter, transaction-local).
 * On PostgreSQL the setting is sent without waiting for its answer: the transaction's
 * connection runs statements in order, so it still applies before `fn`'s first query, and the
 * two usually travel in one write (a round trip less per request). Its failure fails the call.
 */
export async function runInTenant<T>(tenantId: string, fn: (scope: TenantScope) => Promise<T>): Promise<T> {
  const db = await useDb()
  return db.transaction(async (tx) => {
    const client = postgresClient(tx as Tx)
    if (!client) {
      await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`)
      return fn(new TenantScope(tx as Tx, tenantId))
    }
    const setting = client.unsafe('select set_config(\'app.tenant_id\', $1, true)', [tenantId]).execute()
    setting.catch(() => {}) // handled below; without this a quick failure would count as unhandled
    try {
      return await fn(new TenantScope(tx as Tx, tenantId))
    }
    finally {
      await setting
    }
  })
}

/** The one door to tenant-owned data: the tenant comes from the host, never from the client. */
export async function withTenant<T>(event: H3Event, fn: (scope: TenantScope) => Promise<T>): Promise<T> {
  const tenant = requireTenant(event)
  return runInTenant(tenant.id, fn)
}
