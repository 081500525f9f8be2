import { randomBytes } from 'node:crypto'
import type { H3Event } from 'h3'
import { and, eq, isNull } from 'drizzle-orm'
import { apiKeys, roles, users } from '#drizzle/schema'
import type { Permission } from '#shared/permissions'
import type { RecordScope } from '#shared/records'
import type { TenantContext } from './tenant'

/** Every key starts with this, so `Authorization: Bearer atr_…` is told apart from anything else. */
export const API_KEY_MARK = 'atr_'
const LAST_USED_WRITE_EVERY_MS = 60_000
const KEY_CACHE_SECONDS = 60

/** A request made with an API key: it acts for its tenant with exactly its scopes. */
export interface ApiKeyPrincipal {
  kind: 'api_key'
  tenantId: string
  id: string
  name: string
  permissions: Permission[]
  /** The member who created the key: records it creates are theirs, and it sees what their role sees. */
  userId: string
  recordScope: RecordScope
  expiresAt: number | null
  lastUsedAt: number | null
}

/** The cached verdict on a key: usable, or why not (so a revoked key is refused without SQL). */
type CachedKey = { ok: true, principal: ApiKeyPrincipal } | { ok: false, id: string, reason: 'revoked' | 'expired' }

const cacheKey = (tokenHash: string) => `api-key:${tokenHash}`

/** A new key: `atr_<8 visible>_<secret>`; the caller shows it once and keeps only its hash. */
export function newApiKey(): { key: string, prefix: string, tokenHash: string } {
  const visible = randomBytes(6).toString('base64url').slice(0, 8)
  const key = `${API_KEY_MARK}${visible}_${randomBytes(32).toString('base64url')}`
  return { key, prefix: `${API_KEY_MARK}${visible}`, tokenHash: hashToken(key) }
}

/** The key in an `Authorization: Bearer atr_…` header, or null when the request carries none. */
export function bearerApiKey(event: H3Event): string | null {
  const header = getHeader(event, 'authorization') ?? ''
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  return match && match[1]!.startsWith(API_KEY_MARK) ? match[1]! : null
}

const INVALID = () => apiError(401, 'API_KEY_INVALID', 'This API key is not valid here')

async function loadKey(tenantId: string, tokenHash: string): Promise<CachedKey | null> {
  const [found] = await runInTenant(tenantId, scope => scope.tx.select({ key: apiKeys, recordScope: roles.recordScope }).from(apiKeys)
    .innerJoin(users, and(eq(users.tenantId, apiKeys.tenantId), eq(users.id, apiKeys.createdBy)))
    .innerJoin(roles, and(eq(roles.tenantId, users.tenantId), eq(roles.id, users.roleId)))
    .where(scope.where(apiKeys, eq(apiKeys.tokenHash, tokenHash))).limit(1))
  if (!found) return null
  const row = found.key
  if (row.revokedAt) return { ok: false, id: row.id, reason: 'revoked' }
  return {
    ok: true,
    principal: {
      kind: 'api_key',
      tenantId,
      id: row.id,
      name: row.name,
      permissions: row.scopes as Permission[],
      userId: row.createdBy,
      recordScope: found.recordScope,
      expiresAt: row.expiresAt?.getTime() ?? null,
      lastUsedAt: row.lastUsedAt?.getTime() ?? null,
    },
  }
}

/**
 * The principal of an API key on this tenant's host. The lookup runs inside the host's tenant,
 * so a key of another tenant finds nothing; a revoked or expired key is refused and audited.
 */
export async function principalForApiKey(event: H3Event, tenant: TenantContext, key: string): Promise<ApiKeyPrincipal> {
  if (key.length > 128) throw INVALID()
  const tokenHash = hashToken(key)
  let cached = await tenantCache().getItem<CachedKey>(cacheKey(tokenHash))
  if (!cached) {
    cached = await loadKey(tenant.id, tokenHash)
    if (!cached) throw INVALID()
    await tenantCache().setItem(cacheKey(tokenHash), cached, { ttl: KEY_CACHE_SECONDS })
  }
  if (cached.ok && cached.principal.tenantId !== tenant.id) throw INVALID()
  const now = Date.now()
  const refusal = !cached.ok ? cached : cached.principal.expiresAt !== null && now >= cached.principal.expiresAt ? { id: cached.principal.id, reason: 'expired' as const } : null
  if (refusal) {
    await runInTenant(tenant.id, scope => scope.audit({ action: 'api_key.rejected', entityType: 'api_key', entityId: refusal.id, after: { reason: refusal.reason }, actor: { type: 'anonymous' } }), requestFacts(event))
    throw apiError(401, 'API_KEY_INVALID', refusal.reason === 'revoked' ? 'This API key has been revoked' : 'This API key has expired')
  }
  let principal = (cached as Extract<CachedKey, { ok: true }>).principal
  if (principal.lastUsedAt === null || now - principal.lastUsedAt > LAST_USED_WRITE_EVERY_MS) {
    // Throttled like sessions' "last seen"; the first use ever is worth an audit entry.
    const first = principal.lastUsedAt === null
    principal = { ...principal, lastUsedAt: now }
    await runInTenant(tenant.id, async (scope) => {
      // Only the instance whose update finds last_used_at still empty records the first use.
      const updated = await scope.tx.update(apiKeys).set({ lastUsedAt: new Date(now) })
        .where(scope.where(apiKeys, eq(apiKeys.id, principal.id), first ? isNull(apiKeys.lastUsedAt) : undefined))
        .returning({ id: apiKeys.id })
      if (first && updated.length) await scope.audit({ action: 'api_key.first_used', entityType: 'api_key', entityId: principal.id, actor: { type: 'api_key', id: principal.id } })
    }, requestFacts(event))
    await tenantCache().setItem(cacheKey(tokenHash), { ok: true, principal }, { ttl: KEY_CACHE_SECONDS })
  }
  return principal
}

/** Drops a key's cached verdict so a revocation holds on every instance from the next request. */
export async function forgetApiKey(tokenHash: string): Promise<void> {
  await tenantCache().removeItem(cacheKey(tokenHash))
}
