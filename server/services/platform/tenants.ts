import { randomBytes } from 'node:crypto'
import type { H3Event } from 'h3'
import { and, eq } from 'drizzle-orm'
import { featureKillSwitches, tenantDomains, tenantFeatureOverrides, tenants } from '#drizzle/schema'
import type { Tenant } from '#drizzle/schema'
import type { Theme } from '#shared/theme'
import type { Tx } from '#server/database/connect'
import { themeSchema } from '#shared/theme'

/** A tenant by slug, or 404. */
export async function tenantBySlug(slug: string): Promise<Tenant> {
  const db = await useDb()
  const [row] = await db.select().from(tenants).where(eq(tenants.slug, slug)).limit(1)
  if (!row) throw notFound('No such workspace')
  return row
}

/** Merges a partial theme into the tenant's, validates the result, saves, audits, invalidates. */
export async function updateTenantTheme(event: H3Event, slug: string, patch: Partial<Theme>): Promise<Theme> {
  const tenant = await tenantBySlug(slug)
  const parsed = themeSchema.safeParse({ ...tenant.theme, ...patch })
  if (!parsed.success) throw validationError(parsed.error, 'theme')
  await runInTenant(tenant.id, async (scope) => {
    await scope.tx.update(tenants).set({ theme: parsed.data }).where(eq(tenants.id, tenant.id))
    await writeAudit(event, scope, { action: 'tenant.theme.updated', entityType: 'tenant', entityId: tenant.id, before: tenant.theme, after: parsed.data })
  })
  await writePlatformAudit(event, { action: 'tenant.theme.updated', tenantId: tenant.id, entityType: 'tenant', entityId: tenant.id })
  await invalidateTenant(tenant.id)
  return parsed.data
}

/**
 * Renames a tenant, or sets its status without a reason (automation; the console suspends through
 * POST …/suspend with a reason, see tenant-lifecycle.ts).
 */
export async function updateTenant(event: H3Event, slug: string, patch: { name?: string, status?: 'active' | 'suspended' }) {
  const tenant = await tenantBySlug(slug)
  // The suspension's time and reason follow the status.
  const suspension = patch.status === 'active'
    ? { suspendedAt: null, suspendedReason: null }
    : patch.status === 'suspended' && tenant.status !== 'suspended' ? { suspendedAt: new Date() } : {}
  const [updated] = await runInTenant(tenant.id, async (scope) => {
    const rows = await scope.tx.update(tenants).set({ ...patch, ...suspension }).where(eq(tenants.id, tenant.id)).returning()
    await writeAudit(event, scope, { action: 'tenant.updated', entityType: 'tenant', entityId: tenant.id, before: { name: tenant.name, status: tenant.status }, after: patch })
    return rows
  })
  await writePlatformAudit(event, { action: 'tenant.updated', tenantId: tenant.id, entityType: 'tenant', entityId: tenant.id, after: patch })
  await invalidateTenant(tenant.id)
  return { slug: updated!.slug, name: updated!.name, status: updated!.status }
}

/** Adds a custom domain: normalised, not an IP, not under the platform domain, not claimed elsewhere. */
export async function addCustomDomain(event: H3Event, slug: string, input: { hostname: string, verified: boolean }) {
  const tenant = await tenantBySlug(slug)
  const parsed = normalizeHost(input.hostname)
  if (!parsed.ok || parsed.isIp || !parsed.hostname.includes('.')) {
    throw apiError(400, 'VALIDATION_FAILED', 'Invalid body: hostname must be a domain name like dash.example.com', [{ path: 'hostname', message: 'must be a domain name' }])
  }
  const platform = platformDomain(event)
  if (parsed.hostname === platform || parsed.hostname.endsWith(`.${platform}`)) {
    throw apiError(400, 'VALIDATION_FAILED', 'Invalid body: hostname must not be under the platform domain', [{ path: 'hostname', message: 'is under the platform domain' }])
  }
  const db = await useDb()
  const [existing] = await db.select({ id: tenantDomains.id }).from(tenantDomains).where(eq(tenantDomains.hostname, parsed.hostname)).limit(1)
  if (existing) throw apiError(409, 'CONFLICT', 'This domain is already in use')

  // With the Vercel adapter on, Vercel must take the domain first (nothing is saved if it refuses).
  await providerAddDomain(parsed.hostname)
  const row = await runInTenant(tenant.id, async (scope) => {
    const [inserted] = await scope.tx.insert(tenantDomains).values({
      tenantId: tenant.id,
      hostname: parsed.hostname,
      kind: 'custom',
      verificationToken: `atrium-verify-${randomBytes(16).toString('hex')}`,
      verifiedAt: input.verified ? new Date() : null,
    }).onConflictDoNothing({ target: tenantDomains.hostname }).returning()
    if (!inserted) throw apiError(409, 'CONFLICT', 'This domain is already in use')
    await writeAudit(event, scope, { action: 'tenant.domain.added', entityType: 'domain', entityId: inserted.id, after: { hostname: inserted.hostname, verified: !!inserted.verifiedAt } })
    return inserted
  })
  await writePlatformAudit(event, { action: 'tenant.domain.added', tenantId: tenant.id, entityType: 'domain', entityId: row.id })
  await invalidateHost(row.hostname)
  return { hostname: row.hostname, kind: row.kind, verified: !!row.verifiedAt, verificationToken: row.verificationToken, isPrimary: row.isPrimary }
}

/** Removes a custom domain; the host stops answering on the next request. */
export async function removeCustomDomain(event: H3Event, slug: string, hostname: string) {
  const tenant = await tenantBySlug(slug)
  const parsed = normalizeHost(hostname)
  if (!parsed.ok) throw notFound('No such domain')
  const mine = and(eq(tenantDomains.tenantId, tenant.id), eq(tenantDomains.hostname, parsed.hostname), eq(tenantDomains.kind, 'custom'))
  const db = await useDb()
  const [owned] = await db.select({ id: tenantDomains.id }).from(tenantDomains).where(mine).limit(1)
  if (!owned) throw notFound('No such domain')
  await providerRemoveDomain(parsed.hostname)
  const row = await runInTenant(tenant.id, async (scope) => {
    const [deleted] = await scope.tx.delete(tenantDomains).where(mine).returning()
    if (!deleted) throw notFound('No such domain')
    await writeAudit(event, scope, { action: 'tenant.domain.removed', entityType: 'domain', entityId: deleted.id, before: { hostname: deleted.hostname } })
    return deleted
  })
  await writePlatformAudit(event, { action: 'tenant.domain.removed', tenantId: tenant.id, entityType: 'domain', entityId: row.id })
  await invalidateHost(row.hostname)
}

/** Sets (true/false) or clears (null) a tenant's override of one feature. */
export async function setFeatureOverride(event: H3Event, slug: string, key: string, enabled: boolean | null) {
  const tenant = await tenantBySlug(slug)
  await runInTenant(tenant.id, async (scope) => {
    if (enabled === null) {
      await scope.tx.delete(tenantFeatureOverrides).where(scope.where(tenantFeatureOverrides, eq(tenantFeatureOverrides.featureKey, key)))
    }
    else {
      await scope.tx.insert(tenantFeatureOverrides).values(scope.values(tenantFeatureOverrides, [{ featureKey: key, enabled }]))
        .onConflictDoUpdate({ target: [tenantFeatureOverrides.tenantId, tenantFeatureOverrides.featureKey], set: { enabled } })
    }
    await writeAudit(event, scope, { action: 'tenant.feature.overridden', entityType: 'feature', entityId: key, after: { enabled } })
    await writePlatformAudit(event, { action: 'tenant.feature.overridden', tenantId: tenant.id, entityType: 'feature', entityId: key, after: { enabled } }, scope.tx)
  })
  await invalidateTenant(tenant.id)
}

/** Turns a feature off (or back on) for every tenant at once. */
export async function setKillSwitch(event: H3Event, key: string, disabled: boolean, reason?: string) {
  const db = await useDb()
  // The switch and its audit entry commit together.
  await db.transaction(async (tx) => {
    if (disabled) {
      await tx.insert(featureKillSwitches).values({ featureKey: key, reason: reason ?? null })
        .onConflictDoUpdate({ target: featureKillSwitches.featureKey, set: { reason: reason ?? null } })
    }
    else {
      await tx.delete(featureKillSwitches).where(eq(featureKillSwitches.featureKey, key))
    }
    await writePlatformAudit(event, { action: disabled ? 'feature.killed' : 'feature.restored', entityType: 'feature', entityId: key, after: { reason } }, tx as Tx)
  })
  await invalidateKillSwitches()
}
