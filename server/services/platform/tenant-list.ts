import { and, asc, count, desc, eq, gte, ilike, isNotNull, isNull, lt, or, sql } from 'drizzle-orm'
import type { AnyColumn, SQL } from 'drizzle-orm'
import { plans, tenantDomains, tenants, tenantUsageSummary } from '#drizzle/schema'
import type { Page } from '#shared/schemas/members'
import type { TenantListQuery, TenantRow, TenantSort } from '#shared/schemas/platform'

const DAY_MS = 86_400_000

/** What each sort key orders by; usage columns come from the last roll-up (tenants never rolled up sort as zero). */
const SORT_COLUMNS: Record<TenantSort, AnyColumn | SQL> = {
  name: tenants.name,
  created: tenants.createdAt,
  members: sql`coalesce(${tenantUsageSummary.members}, 0)`,
  activeUsers: sql`coalesce(${tenantUsageSummary.activeUsers30d}, 0)`,
  apiCalls: sql`coalesce(${tenantUsageSummary.apiCalls30d}, 0)`,
  storage: sql`coalesce(${tenantUsageSummary.storageBytes}, 0)`,
  lastActive: sql`coalesce(${tenants.lastActiveAt}, '-infinity'::timestamptz)`,
}

/**
 * One page of tenants for the super admin console: search by name or slug, filters, sorting, with
 * plan, primary address, number of addresses, usage from the last roll-up and last activity. Every
 * filter and sort is on platform tables (one query for the page, one for the count), so it stays
 * fast with tens of thousands of tenants (`npm run bench:admin`).
 */
export async function listTenants(q: TenantListQuery): Promise<Page<TenantRow>> {
  const db = await useDb()
  const pattern = q.search ? containsPattern(q.search) : undefined
  const where = and(
    pattern ? or(ilike(tenants.name, pattern), ilike(tenants.slug, pattern)) : undefined,
    // `deleted` is soft-deleted whatever the stored status; active and suspended exclude it.
    q.status === 'deleted' ? isNotNull(tenants.deletedAt) : q.status ? and(eq(tenants.status, q.status), isNull(tenants.deletedAt)) : undefined,
    q.plan ? eq(plans.key, q.plan) : undefined,
    q.createdFrom ? gte(tenants.createdAt, new Date(`${q.createdFrom}T00:00:00Z`)) : undefined,
    q.createdTo ? lt(tenants.createdAt, new Date(Date.parse(`${q.createdTo}T00:00:00Z`) + DAY_MS)) : undefined,
  )
  const direction = q.dir === 'desc' ? desc : asc
  const domainCount = sql<number>`(select count(*) from ${tenantDomains} d where d.tenant_id = ${tenants.id})`.mapWith(Number)
  const [rows, [total]] = await Promise.all([
    db.select({
      id: tenants.id, slug: tenants.slug, name: tenants.name, status: tenants.status, deletedAt: tenants.deletedAt, createdAt: tenants.createdAt, lastActiveAt: tenants.lastActiveAt,
      planKey: plans.key, planName: plans.name, host: tenantDomains.hostname, hostKind: tenantDomains.kind, domains: domainCount,
      usage: { members: tenantUsageSummary.members, activeUsers30d: tenantUsageSummary.activeUsers30d, apiCalls30d: tenantUsageSummary.apiCalls30d, storageBytes: tenantUsageSummary.storageBytes, computedAt: tenantUsageSummary.computedAt },
    })
      .from(tenants)
      .innerJoin(plans, eq(plans.id, tenants.planId))
      .leftJoin(tenantDomains, and(eq(tenantDomains.tenantId, tenants.id), eq(tenantDomains.isPrimary, true)))
      .leftJoin(tenantUsageSummary, eq(tenantUsageSummary.tenantId, tenants.id))
      .where(where)
      .orderBy(direction(SORT_COLUMNS[q.sort]), direction(tenants.id))
      .limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(tenants).innerJoin(plans, eq(plans.id, tenants.planId)).where(where),
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
      domains: r.domains,
      usage: r.usage?.computedAt
        ? { members: r.usage.members, activeUsers30d: r.usage.activeUsers30d, apiCalls30d: Number(r.usage.apiCalls30d), storageBytes: Number(r.usage.storageBytes), computedAt: r.usage.computedAt.toISOString() }
        : null,
      lastActiveAt: r.lastActiveAt?.toISOString() ?? null,
    })),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  }
}
