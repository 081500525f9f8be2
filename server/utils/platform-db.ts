import type { H3Event } from 'h3'
import type { Tx } from '#server/database/connect'
import { appendPlatformAudit, requestFacts } from './audit'
import type { AuditInput, RequestFacts } from './audit'
import { enterTenant, eventsCommitted } from './tenant-db'
import type { TenantScope } from './tenant-db'
import { countedTransaction } from './prometheus'

/**
 * The context every platform service takes (the super admin console, the platform API): one
 * transaction, the request's facts, `audit()` into the platform's log in that transaction, and
 * `inTenant()` to work on one tenant's rows (RLS bound to it) inside the same transaction, so a
 * change, the tenant's audit entry and the platform's commit or fail together.
 */
export class PlatformScope {
  constructor(readonly tx: Tx, readonly request: RequestFacts = {}) {}

  /** The tenant scopes this transaction entered: their events wake the dispatcher after commit. */
  readonly entered: TenantScope[] = []

  /** Appends an entry to the platform's audit log in this transaction. */
  audit(input: AuditInput & { tenantId?: string }): Promise<void> {
    return appendPlatformAudit(this.tx, this.request, input)
  }

  /** Runs `fn` on one tenant's rows within this transaction (its setting is transaction-local). */
  inTenant<T>(tenantId: string, fn: (scope: TenantScope) => Promise<T>): Promise<T> {
    return enterTenant(this.tx, tenantId, this.request, (scope) => {
      this.entered.push(scope)
      return fn(scope)
    })
  }
}

/** Runs a platform service in one transaction with this request's facts. */
export async function withPlatform<T>(event: H3Event, fn: (scope: PlatformScope) => Promise<T>): Promise<T> {
  const db = await useDb()
  let platform: PlatformScope | undefined
  const result = await countedTransaction(() => db.transaction((tx) => {
    platform = new PlatformScope(tx as Tx, requestFacts(event))
    return fn(platform)
  }))
  for (const scope of platform?.entered ?? []) eventsCommitted(scope)
  return result
}
