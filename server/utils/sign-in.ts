import { randomBytes } from 'node:crypto'
import type { H3Event } from 'h3'
import { sessions } from '#drizzle/schema'
import { requestFacts } from './audit'
import type { RequestFacts } from './audit'
import type { TenantContext } from './tenant'
import type { TenantScope } from './tenant-db'

/**
 * What a sign-in flow (password, second factor, SSO, invitation, impersonation hand-off) needs of its
 * request, before any session exists: the facts every service gets, the host's tenant, and the
 * browser's user agent, which the new session records. Such flows run `runInTenant(request.tenant.id,
 * fn, request)`, so their audit entries carry the same facts as `withTenant` would give them.
 */
export interface SignInRequest extends RequestFacts {
  tenant: TenantContext
  /** The browser's User-Agent (at most 400 characters), or null. */
  userAgent: string | null
}

/** The sign-in facts of this request; 404 off a tenant's host. */
export function signInRequest(event: H3Event): SignInRequest {
  return { ...requestFacts(event), tenant: requireTenant(event), userAgent: userAgentOf(event) }
}

/** What a super admin's sign-in on the platform domain needs of its request: its facts and the user agent. */
export interface PlatformSignInRequest extends RequestFacts {
  /** The browser's User-Agent (at most 400 characters), or null. */
  userAgent: string | null
}

/** The platform sign-in facts of this request. */
export function platformSignInRequest(event: H3Event): PlatformSignInRequest {
  return { ...requestFacts(event), userAgent: userAgentOf(event) }
}

/** The browser's User-Agent as a session records it (at most 400 characters), or null. */
function userAgentOf(event: H3Event): string | null {
  return (getHeader(event, 'user-agent') ?? '').slice(0, 400) || null
}

/**
 * Starts a session for a user inside the caller's tenant transaction; returns the token (shown once).
 * It lasts the tenant's session policy; an impersonated session carries its impersonation and ends
 * when that does, never later. The IP comes from the scope's request facts.
 */
export async function openSession(scope: TenantScope, userId: string, userAgent: string | null, impersonation?: { id: string, expiresAt: Date }) {
  const token = randomBytes(32).toString('base64url')
  const [row] = await scope.tx.insert(sessions).values(scope.values(sessions, [{
    tokenHash: hashToken(token),
    userId,
    ip: scope.request.clientIp ?? null,
    userAgent,
    expiresAt: impersonation?.expiresAt ?? new Date(Date.now() + scope.tenant.sessionPolicy.sessionMaxHours * 3600 * 1000),
    impersonationId: impersonation?.id ?? null,
  }])).returning({ id: sessions.id })
  return { token, sessionId: row!.id }
}
