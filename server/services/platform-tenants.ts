import { and, asc, count, eq, ilike, isNotNull, isNull, or } from 'drizzle-orm'
import { plans, tenantDomains, tenants } from '../../drizzle/schema'
import type { Page } from '../../shared/schemas/members'
import type { TenantRow } from '../../shared/schemas/platform'

/** One page of tenants for the super admin console, by name, with their plan and primary address. */
export async function listTenants(q: { search?: string, status?: TenantRow['status'], page: number, pageSize: number }): Promise<Page<TenantRow>> {
  const db = await useDb()
  const pattern = q.search ? containsPattern(q.search) : undefined
  const where = and(
    pattern ? or(ilike(tenants.name, pattern), ilike(tenants.slug, pattern)) : undefined,
    // `deleted` is soft-deleted whatever the stored status; active and suspended exclude it.
    q.status === 'deleted' ? isNotNull(tenants.deletedAt) : q.status ? and(eq(tenants.status, q.status), isNull(tenants.deletedAt)) : undefined,
  )
  const [rows, [total]] = await Promise.all([
    db.select({
      id: tenants.id, slug: tenants.slug, name: tenants.name, status: tenants.status, deletedAt: tenants.deletedAt, createdAt: tenants.createdAt,
      planKey: plans.key, planName: plans.name, host: tenantDomains.hostname, hostKind: tenantDomains.kind,
    })
      .from(tenants)
      .innerJoin(plans, eq(plans.id, tenants.planId))
      .leftJoin(tenantDomains, and(eq(tenantDomains.tenantId, tenants.id), eq(tenantDomains.isPrimary, true)))
      .where(where)
      .orderBy(asc(tenants.name), asc(tenants.id))
      .limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(tenants).where(where),
  ])
  const domain = platformDomain()
  return {
    items: rows.map(r => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      status: r.deletedAt ? 'deleted' as const : r.status,
      plan: { key: r.planKey, name: r.planName },
      primaryHost: r.host ? (r.hostKind === 'subdomain' ? `${r.host}.${domain}` : r.host) : null,
      createdAt: r.createdAt.toISOString(),
    })),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  }
}
