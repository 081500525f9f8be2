import type { H3Event } from 'h3'
import { and, eq, sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { Tx } from '#server/database/connect'
import { appendAudit, requestFacts } from './audit'
import type { AuditInput, RequestFacts } from './audit'
import type { ApiKeyPrincipal } from './api-keys'
import type { Principal } from './session'
import type { TenantContext } from './tenant'
import { countedTransaction } from './prometheus'
import { domainEvents } from '#drizzle/schema'
import { eventDef } from '#shared/events'

/** Any tenant table: it has a `tenant_id` column. */
type TenantTable = PgTable & { tenantId: PgColumn }

/**
 * The context every tenant service takes: one transaction bound to one tenant, and the facts of
 * the request it serves (who acts, from where, under which request id).
 *
 * Layer 1 of isolation: reads take `scope.where(table, …)`, writes take `scope.values(table, rows)`,
 * so the tenant is added to every statement. Layer 2 (RLS) checks the same thing in the database
 * from `app.tenant_id`. `scope.audit()` writes into the same transaction, so an entry commits or
 * fails with its change. Services never see the H3Event: what they need of the request is here.
 */
export class TenantScope {
  constructor(readonly tx: Tx, readonly tenantId: string, readonly request: RequestFacts = {}) {}

  /** Who acts: the signed-in person or API key, or `system` for a scheduled job. */
  get actor(): { type: string, id?: string } {
    return this.request.actor ?? { type: 'system' }
  }

  /** The tenant this request's host serves (its cached profile); absent in jobs, so a service that needs it says so. */
  get tenant(): TenantContext {
    if (!this.request.tenant) throw new Error('This service needs the request\'s tenant (call it through withTenant)')
    return this.request.tenant
  }

  /** The signed-in person or API key behind the request, if any. */
  get principal(): Principal | ApiKeyPrincipal | undefined {
    return this.request.principal
  }

  /** The table's tenant predicate, and-ed with any further conditions. */
  where(table: TenantTable, ...conditions: (SQL | undefined)[]): SQL {
    return and(eq(table.tenantId, this.tenantId), ...conditions)!
  }

  /** Rows for insert with the tenant stamped on, whatever the caller put there. */
  values<T extends Record<string, unknown>>(_table: TenantTable, rows: T[]): (T & { tenantId: string })[] {
    return rows.map(row => ({ ...row, tenantId: this.tenantId }))
  }

  /** Appends an audit entry in this transaction (and to the platform's log under impersonation). */
  audit(input: AuditInput): Promise<void> {
    return appendAudit(this, this.request, input)
  }

  /** True once this transaction has written a domain event or made a delivery due: its commit wakes the dispatcher. */
  wakesDispatcher = false

  /** What runs once this transaction has committed (never after a rollback): waking a job for the work it queued. */
  readonly committed: (() => void)[] = []

  afterCommit(fn: () => void): void {
    this.committed.push(fn)
  }

  /**
   * Writes domain events (shared/events.ts) to the outbox in this transaction, one row per payload,
   * so they exist exactly when the change does. Each payload is checked against the catalogue's
   * schema: a service cannot send receivers a shape the catalogue does not promise.
   */
  async emit(type: string, ...payloads: unknown[]): Promise<string[]> {
    const def = eventDef(type)
    if (!def) throw new Error(`Unknown domain event ${type} (shared/events.ts)`)
    if (!payloads.length) return []
    const actor = this.actor
    const rows = await this.tx.insert(domainEvents).values(payloads.map(data => ({
      tenantId: this.tenantId, type, version: def.version, data: def.data.parse(data), actorType: actor.type, actorId: actor.id ?? null,
    }))).returning({ id: domainEvents.id })
    this.wakesDispatcher = true
    return rows.map(r => r.id)
  }
}

// What runs after a transaction that emitted events has committed: the jobs plugin sets it to wake
// the webhook dispatcher and the workflow engine (server/services/webhooks, automation), so this
// util imports no service. It gets the request's tenant, when there is one, to skip what is off.
let onEventsCommitted: ((tenantId: string, tenant: TenantContext | undefined) => void) | undefined

export function whenEventsCommitted(fn: (tenantId: string, tenant: TenantContext | undefined) => void): void {
  onEventsCommitted = fn
}

/** After `scope`'s transaction committed: its after-commit work, and the wake-up for the events or due deliveries it wrote. */
export function eventsCommitted(scope: TenantScope | undefined): void {
  if (!scope) return
  for (const fn of scope.committed) fn()
  if (scope.wakesDispatcher) onEventsCommitted?.(scope.tenantId, scope.request.tenant)
}

/** The postgres-js client of a transaction, or null on PGlite (whose queries run one at a time anyway). */
function postgresClient(tx: Tx): { unsafe: (query: string, params: string[]) => { execute: () => Promise<unknown> } } | null {
  const client = (tx as unknown as { session?: { client?: { unsafe?: unknown } } }).session?.client
  return typeof client?.unsafe === 'function' ? client as ReturnType<typeof postgresClient> : null
}

/**
 * Binds an open transaction to a tenant (bound parameter, transaction-local) and runs `fn` in it.
 * On PostgreSQL the setting is sent without waiting for its answer: the transaction's connection
 * runs statements in order, so it still applies before `fn`'s first query, and the two usually
 * travel in one write (a round trip less per request). Its failure fails the call.
 */
export async function enterTenant<T>(tx: Tx, tenantId: string, request: RequestFacts, fn: (scope: TenantScope) => Promise<T>): Promise<T> {
  const client = postgresClient(tx)
  if (!client) {
    await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`)
    return fn(new TenantScope(tx, tenantId, request))
  }
  const setting = client.unsafe('select set_config(\'app.tenant_id\', $1, true)', [tenantId]).execute()
  setting.catch(() => {}) // handled below; without this a quick failure would count as unhandled
  try {
    return await fn(new TenantScope(tx, tenantId, request))
  }
  finally {
    await setting
  }
}

/**
 * Runs `fn` in one transaction bound to `tenantId`. For work with no request behind it (jobs) the
 * actor is `system`; a service that signs someone in before any session exists passes the facts
 * of its request (`requestFacts(event)`).
 */
export async function runInTenant<T>(tenantId: string, fn: (scope: TenantScope) => Promise<T>, request: RequestFacts = {}): Promise<T> {
  const db = await useDb()
  let used: TenantScope | undefined
  const result = await countedTransaction(() => db.transaction(tx => enterTenant(tx as Tx, tenantId, request, (scope) => {
    used = scope
    return fn(scope)
  })))
  eventsCommitted(used)
  return result
}

/** The one door to tenant-owned data: the tenant comes from the host, never from the client. */
export async function withTenant<T>(event: H3Event, fn: (scope: TenantScope) => Promise<T>): Promise<T> {
  const tenant = requireTenant(event)
  return runInTenant(tenant.id, fn, requestFacts(event))
}
