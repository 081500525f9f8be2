import type { H3Event } from 'h3'
import { moduleOf } from '#shared/permissions'
import type { Permission } from '#shared/permissions'
import type { ApiKeyPrincipal } from './api-keys'
import type { Principal } from './session'

/** Whoever acts on a tenant route: a signed-in user, or an API key. */
export type TenantActor = Principal | ApiKeyPrincipal

function requireActor(event: H3Event): TenantActor {
  requireTenant(event)
  const principal = event.context.principal
  if (!principal) throw apiError(401, 'UNAUTHENTICATED', 'Sign in to continue')
  return principal
}

/** The signed-in person of this tenant (routes about one's own account: never an API key); 401 otherwise. */
export function requireUser(event: H3Event): Principal {
  const principal = requireActor(event)
  if (principal.kind !== 'user') throw apiError(401, 'UNAUTHENTICATED', 'Sign in as a person to do this; API keys cannot')
  return principal
}

/**
 * Any caller of this tenant, person or API key: for what every member may read (the workspace's
 * custom field definitions, who is calling), and for routes that check each permission further
 * in (GraphQL at /api/graphql guards every field as the REST route it mirrors does). 401 without
 * one, 403 while two-factor enrolment is pending.
 */
export function requireSignedIn(event: H3Event): TenantActor {
  const principal = requireActor(event)
  if (principal.kind === 'user' && mfaEnrolmentPending(principal, requireTenant(event))) {
    throw apiError(403, 'MFA_ENROLMENT_REQUIRED', 'This workspace requires two-factor sign-in: set it up on your account first')
  }
  return principal
}

/**
 * The guard every tenant route passes through: first the module the permission belongs to
 * (RESOURCE_MODULES in shared/permissions.ts) must be on, 404 FEATURE_DISABLED otherwise, whoever
 * asks; then a signed-in user of this host's tenant whose role grants `permission`, or an API key
 * whose scopes include it; 401 without either, 403 without the permission (audited for keys,
 * which are machines probing their limits).
 */
export function requirePermission(event: H3Event, permission: Permission): TenantActor {
  const feature = moduleOf(permission)
  if (feature) requireFeature(event, feature)
  const principal = requireSignedIn(event)
  if (!principal.permissions.includes(permission)) {
    if (principal.kind === 'api_key') auditScopeDenied(event, principal, permission)
    throw apiError(403, 'FORBIDDEN', principal.kind === 'api_key' ? `This API key lacks the scope ${permission}` : 'Your role does not allow this')
  }
  return principal
}

/** Written beside the 403 (the guard is synchronous); a failure to record is logged, not thrown. */
function auditScopeDenied(event: H3Event, key: ApiKeyPrincipal, permission: Permission): void {
  runInTenant(key.tenantId, scope => scope.audit({ action: 'api_key.scope_denied', entityType: 'api_key', entityId: key.id, after: { permission } }), requestFacts(event))
    .catch((error: Error) => console.error(`[audit] api_key.scope_denied not recorded: ${error.message}`))
}
