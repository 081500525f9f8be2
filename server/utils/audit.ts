import type { H3Event } from 'h3'
import { auditLog, platformAuditLog } from '#drizzle/schema'
import type { Db, Tx } from '#server/database/connect'
import type { ApiKeyPrincipal } from './api-keys'
import type { Principal } from './session'
import type { TenantContext } from './tenant'
import type { TenantScope } from './tenant-db'

export interface AuditInput {
  action: string
  entityType?: string
  entityId?: string
  before?: unknown
  after?: unknown
  actor?: { type: string, id?: string }
  /** The super admin behind the request, where the session does not say so yet (the impersonation hand-off). */
  impersonatedBy?: string
}

/** What a service needs to know of the request it serves, taken from the H3Event once by `withTenant`. */
export interface RequestFacts {
  /** Who acts, for audit entries; absent = the platform itself (`system`). */
  actor?: { type: string, id?: string }
  clientIp?: string
  requestId?: string
  /** The super admin impersonating the signed-in person, if one is. */
  impersonatedBy?: string | null
  /** The tenant this host serves (its cached profile: settings, policies, features). */
  tenant?: TenantContext
  /** The signed-in person or API key, with permissions and record scope. */
  principal?: Principal | ApiKeyPrincipal
}

/** The super admin impersonating the signed-in user of this request, if one is. */
export function impersonatorOf(event: H3Event): string | null {
  const principal = event.context.principal
  return principal?.kind === 'user' ? principal.impersonation?.adminId ?? null : null
}

/** The request's facts for a service context (tenant or platform). */
export function requestFacts(event: H3Event): RequestFacts {
  const { actor, clientIp, requestId, principal, site } = event.context
  return { actor, clientIp, requestId, impersonatedBy: impersonatorOf(event), principal, tenant: site?.kind === 'tenant' ? site.tenant : undefined }
}

/** The columns both audit logs share: who, what, on which entity, from where. */
function auditRow(facts: RequestFacts, input: AuditInput) {
  const actor = input.actor ?? facts.actor ?? { type: 'system' }
  return {
    actorType: actor.type,
    actorId: actor.id ?? null,
    action: input.action,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    ip: facts.clientIp ?? null,
    requestId: facts.requestId ?? null,
  }
}

/**
 * Appends an audit entry inside a tenant transaction (`scope.audit()`), so it commits or fails with
 * the change. In an impersonated session the entry names the super admin behind it
 * (`impersonated_by`), and a copy goes to the platform's log (same action, the tenant set) in the
 * same transaction: every action of an impersonation is in both logs, without any route having to ask.
 */
export async function appendAudit(scope: Pick<TenantScope, 'tx' | 'tenantId'>, facts: RequestFacts, input: AuditInput): Promise<void> {
  const impersonatedBy = input.impersonatedBy ?? facts.impersonatedBy ?? null
  const row = { ...auditRow(facts, input), impersonatedBy, tenantId: scope.tenantId }
  await scope.tx.insert(auditLog).values(row)
  if (impersonatedBy) await scope.tx.insert(platformAuditLog).values(row)
}

/** Appends an entry to the platform's audit log in `tx`, with the given request facts. */
export async function appendPlatformAudit(tx: Tx | Db, facts: RequestFacts, input: AuditInput & { tenantId?: string }): Promise<void> {
  await tx.insert(platformAuditLog).values({ ...auditRow(facts, input), impersonatedBy: input.impersonatedBy ?? null, tenantId: input.tenantId ?? null })
}
