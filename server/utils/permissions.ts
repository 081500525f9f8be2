import type { H3Event } from 'h3'
import type { Permission } from '../../shared/permissions'
import type { Principal } from './session'

/** The signed-in user of this tenant; 401 otherwise. */
export function requireUser(event: H3Event): Principal {
  requireTenant(event)
  const principal = event.context.principal
  if (!principal) throw apiError(401, 'UNAUTHENTICATED', 'Sign in to continue')
  return principal
}

/**
 * The guard every tenant route passes through: a signed-in user of this host's tenant whose
 * role grants `permission`; 401 without a session, 403 without the permission.
 */
export function requirePermission(event: H3Event, permission: Permission): Principal {
  const principal = requireUser(event)
  if (!principal.permissions.includes(permission)) {
    throw apiError(403, 'FORBIDDEN', 'Your role does not allow this')
  }
  return principal
}
