import { and, desc, eq, isNull } from 'drizzle-orm'
import { apiKeys, users } from '#drizzle/schema'
import type { ApiKeyCreate, ApiKeyRow } from '#shared/schemas/api-keys'
import type { Permission } from '#shared/permissions'
import type { Principal } from '#server/utils/session'
import type { TenantScope } from '#server/utils/tenant-db'

function toRow(r: typeof apiKeys.$inferSelect & { creatorName: string }): ApiKeyRow {
  const expired = r.expiresAt !== null && r.expiresAt.getTime() <= Date.now()
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: r.scopes as Permission[],
    createdBy: { id: r.createdBy, name: r.creatorName },
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    status: r.revokedAt ? 'revoked' : expired ? 'expired' : 'active',
  }
}

/** The tenant's keys, newest first, with who created them. */
export async function listApiKeys(scope: TenantScope): Promise<ApiKeyRow[]> {
  const rows = await scope.tx.select({ key: apiKeys, creatorName: users.name }).from(apiKeys)
    .innerJoin(users, and(eq(users.tenantId, apiKeys.tenantId), eq(users.id, apiKeys.createdBy)))
    .where(scope.where(apiKeys))
    .orderBy(desc(apiKeys.createdAt))
  return rows.map(r => toRow({ ...r.key, creatorName: r.creatorName }))
}

/**
 * Creates a key for the signed-in person. Its scopes may not exceed what that person holds, so a
 * key never grants more than its creator could do. The secret is returned once, here.
 */
export async function createApiKey(scope: TenantScope, creator: Principal, input: ApiKeyCreate): Promise<ApiKeyRow & { key: string }> {
  const beyond = input.scopes.filter(s => !creator.permissions.includes(s))
  if (beyond.length) {
    throw apiError(400, 'VALIDATION_FAILED', `Invalid body: scopes ${beyond.join(', ')} go beyond your own permissions`, [{ path: 'scopes', message: `${beyond.join(', ')} go beyond your own permissions` }])
  }
  const { key, prefix, tokenHash } = newApiKey()
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null
  const [row] = await scope.tx.insert(apiKeys).values(scope.values(apiKeys, [{ name: input.name, prefix, tokenHash, scopes: input.scopes, createdBy: creator.id, expiresAt }])).returning()
  await scope.audit({ action: 'api_key.created', entityType: 'api_key', entityId: row!.id, after: { name: input.name, prefix, scopes: input.scopes, expiresAt } })
  return { ...toRow({ ...row!, creatorName: creator.name }), key }
}

/** Revokes a key: refused from the next request on, on every instance. */
export async function revokeApiKey(scope: TenantScope, id: string): Promise<void> {
  const [row] = await scope.tx.update(apiKeys).set({ revokedAt: new Date() })
    .where(scope.where(apiKeys, eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning()
  if (!row) {
    const [exists] = await scope.tx.select({ id: apiKeys.id }).from(apiKeys).where(scope.where(apiKeys, eq(apiKeys.id, id))).limit(1)
    if (!exists) throw notFound('No such API key')
    return // already revoked: nothing changes, nothing to audit
  }
  await scope.audit({ action: 'api_key.revoked', entityType: 'api_key', entityId: id, before: { name: row.name, prefix: row.prefix } })
  await forgetApiKey(row.tokenHash)
}
