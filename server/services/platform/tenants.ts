import { randomBytes } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { featureKillSwitches, tenantDomains, tenantFeatureOverrides, tenants } from '#drizzle/schema'
import type { Tenant } from '#drizzle/schema'
import type { Theme } from '#shared/theme'
import type { Db, Tx } from '#server/database/connect'
import type { PlatformRunner } from '#server/utils/scope-runner'
import { themeSchema } from '#shared/theme'

// Platform changes to one tenant: each runs in one platform transaction, the tenant's rows through
// `scope.inTenant` (RLS bound to it), so the change, the tenant's audit entry and the platform's
// commit or fail together. The services take a runner (server/utils/scope-runner.ts) because the
// tenant's cache is dropped after the commit, and a domain goes to the hosting provider before it.

/** A tenant by slug, or 404 (read in `db` when given: the caller's transaction). */
export async function tenantBySlug(slug: string, db?: Tx | Db): Promise<Tenant> {
  const [row] = await (db ?? await useDb()).select().from(tenants).where(eq(tenants.slug, slug)).limit(1)
  if (!row) throw notFound('No such workspace')
  return row
}

/** Merges a partial theme into the tenant's, validates the result, saves, audits, invalidates. */
export async function updateTenantTheme(run: PlatformRunner, slug: string, patch: Partial<Theme>): Promise<Theme> {
  const { id, theme } = await run(async (scope) => {
    const tenant = await tenantBySlug(slug, scope.tx)
    const parsed = themeSchema.safeParse({ ...tenant.theme, ...patch })
    if (!parsed.success) throw validationError(parsed.error, 'theme')
    await scope.inTenant(tenant.id, async (tenantScope) => {
      await tenantScope.tx.update(tenants).set({ theme: parsed.data }).where(eq(tenants.id, tenant.id))
      await tenantScope.audit({ action: 'tenant.theme.updated', entityType: 'tenant', entityId: tenant.id, before: tenant.theme, after: parsed.data })
    })
    await scope.audit({ action: 'tenant.theme.updated', tenantId: tenant.id, entityType: 'tenant', entityId: tenant.id })
    return { id: tenant.id, theme: parsed.data }
  })
  await invalidateTenant(id)
  return theme
}

/**
 * Renames a tenant, or sets its status without a reason (automation; the console suspends through
 * POST …/suspend with a reason, see tenant-lifecycle.ts).
 */
export async function updateTenant(run: PlatformRunner, slug: string, patch: { name?: string, status?: 'active' | 'suspended' }) {
  const updated = await run(async (scope) => {
    const tenant = await tenantBySlug(slug, scope.tx)
    // The suspension's time and reason follow the status.
    const suspension = patch.status === 'active'
      ? { suspendedAt: null, suspendedReason: null }
      : patch.status === 'suspended' && tenant.status !== 'suspended' ? { suspendedAt: new Date() } : {}
    const [row] = await scope.inTenant(tenant.id, async (tenantScope) => {
      const rows = await tenantScope.tx.update(tenants).set({ ...patch, ...suspension }).where(eq(tenants.id, tenant.id)).returning()
      await tenantScope.audit({ action: 'tenant.updated', entityType: 'tenant', entityId: tenant.id, before: { name: tenant.name, status: tenant.status }, after: patch })
      return rows
    })
    await scope.audit({ action: 'tenant.updated', tenantId: tenant.id, entityType: 'tenant', entityId: tenant.id, after: patch })
    return row!
  })
  await invalidateTenant(updated.id)
  return { slug: updated.slug, name: updated.name, status: updated.status }
}

/**
 * Adds a custom domain: normalised, not an IP, not under the platform domain, not claimed elsewhere.
 * The checks read before the transaction: the hosting provider takes the domain between them and it.
 */
export async function addCustomDomain(run: PlatformRunner, slug: string, input: { hostname: string, verified: boolean }) {
  const tenant = await tenantBySlug(slug)
  const parsed = normalizeHost(input.hostname)
  if (!parsed.ok || parsed.isIp || !parsed.hostname.includes('.')) {
    throw apiError(400, 'VALIDATION_FAILED', 'Invalid body: hostname must be a domain name like dash.example.com', [{ path: 'hostname', message: 'must be a domain name' }])
  }
  const platform = platformDomain()
  if (parsed.hostname === platform || parsed.hostname.endsWith(`.${platform}`)) {
    throw apiError(400, 'VALIDATION_FAILED', 'Invalid body: hostname must not be under the platform domain', [{ path: 'hostname', message: 'is under the platform domain' }])
  }
  const db = await useDb()
  const [existing] = await db.select({ id: tenantDomains.id }).from(tenantDomains).where(eq(tenantDomains.hostname, parsed.hostname)).limit(1)
  if (existing) throw apiError(409, 'CONFLICT', 'This domain is already in use')

  // With the Vercel adapter on, Vercel must take the domain first (nothing is saved if it refuses).
  await providerAddDomain(parsed.hostname)
  const row = await run(async (scope) => {
    const inserted = await scope.inTenant(tenant.id, async (tenantScope) => {
      const [inserted] = await tenantScope.tx.insert(tenantDomains).values({
        tenantId: tenant.id,
        hostname: parsed.hostname,
        kind: 'custom',
        verificationToken: `atrium-verify-${randomBytes(16).toString('hex')}`,
        verifiedAt: input.verified ? new Date() : null,
      }).onConflictDoNothing({ target: tenantDomains.hostname }).returning()
      if (!inserted) throw apiError(409, 'CONFLICT', 'This domain is already in use')
      await tenantScope.audit({ action: 'tenant.domain.added', entityType: 'domain', entityId: inserted.id, after: { hostname: inserted.hostname, verified: !!inserted.verifiedAt } })
      return inserted
    })
    await scope.audit({ action: 'tenant.domain.added', tenantId: tenant.id, entityType: 'domain', entityId: inserted.id })
    return inserted
  })
  await invalidateHost(row.hostname)
  return { hostname: row.hostname, kind: row.kind, verified: !!row.verifiedAt, verificationToken: row.verificationToken, isPrimary: row.isPrimary }
}

/**
 * Removes a custom domain; the host stops answering on the next request. The hosting provider lets
 * it go first (a refusal there changes nothing here), so the ownership check reads before that.
 */
export async function removeCustomDomain(run: PlatformRunner, slug: string, hostname: string) {
  const tenant = await tenantBySlug(slug)
  const parsed = normalizeHost(hostname)
  if (!parsed.ok) throw notFound('No such domain')
  const mine = and(eq(tenantDomains.tenantId, tenant.id), eq(tenantDomains.hostname, parsed.hostname), eq(tenantDomains.kind, 'custom'))
  const db = await useDb()
  const [owned] = await db.select({ id: tenantDomains.id }).from(tenantDomains).where(mine).limit(1)
  if (!owned) throw notFound('No such domain')
  await providerRemoveDomain(parsed.hostname)
  const row = await run(async (scope) => {
    const deleted = await scope.inTenant(tenant.id, async (tenantScope) => {
      const [deleted] = await tenantScope.tx.delete(tenantDomains).where(mine).returning()
      if (!deleted) throw notFound('No such domain')
      await tenantScope.audit({ action: 'tenant.domain.removed', entityType: 'domain', entityId: deleted.id, before: { hostname: deleted.hostname } })
      return deleted
    })
    await scope.audit({ action: 'tenant.domain.removed', tenantId: tenant.id, entityType: 'domain', entityId: deleted.id })
    return deleted
  })
  await invalidateHost(row.hostname)
}

/** Sets (true/false) or clears (null) a tenant's override of one feature. */
export async function setFeatureOverride(run: PlatformRunner, slug: string, key: string, enabled: boolean | null) {
  const tenantId = await run(async (scope) => {
    const tenant = await tenantBySlug(slug, scope.tx)
    await scope.inTenant(tenant.id, async (tenantScope) => {
      if (enabled === null) {
        await tenantScope.tx.delete(tenantFeatureOverrides).where(tenantScope.where(tenantFeatureOverrides, eq(tenantFeatureOverrides.featureKey, key)))
      }
      else {
        await tenantScope.tx.insert(tenantFeatureOverrides).values(tenantScope.values(tenantFeatureOverrides, [{ featureKey: key, enabled }]))
          .onConflictDoUpdate({ target: [tenantFeatureOverrides.tenantId, tenantFeatureOverrides.featureKey], set: { enabled } })
      }
      await tenantScope.audit({ action: 'tenant.feature.overridden', entityType: 'feature', entityId: key, after: { enabled } })
    })
    await scope.audit({ action: 'tenant.feature.overridden', tenantId: tenant.id, entityType: 'feature', entityId: key, after: { enabled } })
    return tenant.id
  })
  await invalidateTenant(tenantId)
}

/** Turns a feature off (or back on) for every tenant at once; the switch and its audit entry commit together. */
export async function setKillSwitch(run: PlatformRunner, key: string, disabled: boolean, reason?: string) {
  await run(async (scope) => {
    if (disabled) {
      await scope.tx.insert(featureKillSwitches).values({ featureKey: key, reason: reason ?? null })
        .onConflictDoUpdate({ target: featureKillSwitches.featureKey, set: { reason: reason ?? null } })
    }
    else {
      await scope.tx.delete(featureKillSwitches).where(eq(featureKillSwitches.featureKey, key))
    }
    await scope.audit({ action: disabled ? 'feature.killed' : 'feature.restored', entityType: 'feature', entityId: key, after: { reason } })
  })
  await invalidateKillSwitches()
}
