import { z } from 'zod'
import { auditFilterFields, rangeInOrder } from './audit'
import type { AuditRow } from './audit'

// What the console's overview and health pages receive.

export interface PlatformOverview {
  tenants: {
    total: number
    byStatus: { status: string, count: number }[]
    byPlan: { key: string, name: string, count: number }[]
    /** New tenants per ISO week (Monday, UTC), the last 12 weeks, oldest first. */
    newPerWeek: { week: string, count: number }[]
  }
  /**
   * Active people, one definition: people active on a day (a session of theirs seen within those 24
   * hours), summed over tenants — the `activeUsers` of `daily`. `activePerDay` is the average of its
   * last 7 days (today included), `activeToday` and `activeYesterday` its last two points.
   */
  people: { members: number, activePerDay: number, activeToday: number, activeYesterday: number }
  /** Platform-wide per day (last 30 days, oldest first), from the usage roll-up. */
  daily: { day: string, apiCalls: number, activeUsers: number }[]
  storageBytes: number
  topTenants: { slug: string, name: string, apiCalls30d: number, storageBytes: number, activeUsers30d: number }[]
  requests: RequestMetrics
  /** When the usage figures were computed (the roll-up job), or null if it never ran. */
  rolledUpAt: string | null
}

export interface PlatformHealth {
  status: 'ok' | 'degraded'
  version: string
  instance: string
  uptimeSeconds: number
  startedAt: string
  database: { driver: 'pglite' | 'postgres', reachable: boolean, latencyMs: number | null, migrations: { applied: number | null, expected: number, current: boolean } }
  cache: { driver: 'redis' | 'memory', redisLatencyMs: number | null, hitRatio: number | null, hits: number, misses: number }
  jobs: { mode: 'worker' | 'enqueue' | 'cron', reachable: boolean, queues: { name: string, queued: number, active: number, failed: number, deferred: number }[] }
  requests: { requests: number, errorRate: number, p95Ms: number | null, scope: 'cluster' | 'instance' }
  problems: string[]
}

/** Filters of the platform audit log: those of a tenant's log, plus the tenant (slug). */
export const platformAuditQuerySchema = auditFilterFields.extend({
  tenant: z.string().trim().max(63).optional(),
}).refine(...rangeInOrder)

export type PlatformAuditQuery = z.infer<typeof platformAuditQuerySchema>

export interface PlatformAuditRow extends AuditRow {
  tenant: { slug: string, name: string } | null
}

/** The last hour of requests as the health page shows it (server/utils/request-metrics.ts counts them). */
export interface RequestMetrics {
  /** `cluster` when read from Redis (every instance), `instance` when this process's own. */
  scope: 'cluster' | 'instance'
  requests: number
  errors: number
  errorRate: number
  p95Ms: number | null
  /** Tenant cache lookups (host → tenant) and the share answered from the cache; null with no lookups. */
  cache: { hits: number, misses: number, hitRatio: number | null }
  /** Per minute, oldest first, for the last hour. */
  series: { minute: string, requests: number, errors: number, p95Ms: number | null }[]
}
