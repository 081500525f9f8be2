import { count, desc, eq, gte, sql } from 'drizzle-orm'
import { domainEvents, webhookDeliveries } from '#drizzle/schema'
import type { WebhookAttemptRow, WebhookDeliveriesQuery, WebhookDeliveryRow } from '#shared/schemas/webhooks'
import type { TenantScope } from '#server/utils/tenant-db'
import { findEndpoint } from './endpoints'
import { MAX_ATTEMPTS, envelopeOf } from './dispatch'

type Delivery = typeof webhookDeliveries.$inferSelect

function toRow(r: Delivery): WebhookDeliveryRow {
  return {
    id: r.id,
    eventId: r.eventId,
    eventType: r.eventType,
    status: r.status as WebhookDeliveryRow['status'],
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? r.nextAttemptAt.toISOString() : null,
    lastStatus: r.lastStatus,
    lastError: r.lastError,
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  }
}

/** An endpoint's deliveries, newest first, a page at a time. */
export async function listDeliveries(scope: TenantScope, endpointId: string, query: WebhookDeliveriesQuery): Promise<{ items: WebhookDeliveryRow[], total: number, page: number, pageSize: number }> {
  await findEndpoint(scope, endpointId)
  const where = scope.where(webhookDeliveries, eq(webhookDeliveries.endpointId, endpointId), query.status ? eq(webhookDeliveries.status, query.status) : undefined)
  const [rows, [total]] = await Promise.all([
    scope.tx.select().from(webhookDeliveries).where(where)
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    scope.tx.select({ n: count() }).from(webhookDeliveries).where(where),
  ])
  return { items: rows.map(toRow), total: total!.n, page: query.page, pageSize: query.pageSize }
}

/** An endpoint's deliveries for the public API: newest first, `limit` after the cursor (time and id). */
export async function deliveriesAfter(scope: TenantScope, endpointId: string, status: WebhookDeliveryRow['status'] | undefined, cursor: string | undefined, limit: number): Promise<{ items: WebhookDeliveryRow[], nextCursor: string | null }> {
  await findEndpoint(scope, endpointId)
  const [at, id] = cursor ? keysetCursor.decode(cursor, isTimeAndId) : []
  const rows = await scope.tx.select({ row: webhookDeliveries, at: sql<string>`${webhookDeliveries.createdAt}::text` }).from(webhookDeliveries)
    .where(scope.where(webhookDeliveries, eq(webhookDeliveries.endpointId, endpointId), status ? eq(webhookDeliveries.status, status) : undefined,
      at !== undefined ? sql`(${webhookDeliveries.createdAt}, ${webhookDeliveries.id}) < (${at}::timestamptz, ${id}::uuid)` : undefined))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id)).limit(limit + 1)
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return { items: page.map(r => toRow(r.row)), nextCursor: rows.length > limit && last ? keysetCursor.encode([last.at, last.row.id]) : null }
}

async function findDelivery(scope: TenantScope, endpointId: string, deliveryId: string): Promise<Delivery> {
  const [row] = await scope.tx.select().from(webhookDeliveries)
    .where(scope.where(webhookDeliveries, eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.id, deliveryId))).limit(1)
  if (!row) throw notFound('No such delivery')
  return row
}

/** One delivery with every attempt: what was sent (the event's envelope, the same each time) and what came back. */
export async function getDelivery(scope: TenantScope, endpointId: string, deliveryId: string): Promise<WebhookDeliveryRow & { attemptsLog: WebhookAttemptRow[] }> {
  const row = await findDelivery(scope, endpointId, deliveryId)
  const [event] = await scope.tx.select().from(domainEvents)
    .where(scope.where(domainEvents, eq(domainEvents.id, row.eventId))).limit(1)
  const requestBody = event ? JSON.stringify(envelopeOf(event)) : ''
  return { ...toRow(row), attemptsLog: row.attemptLog.map(entry => ({ ...entry, requestBody })) }
}

/**
 * What a replay writes: due now, not leased to any run, and with one try left at least (a delivery
 * that used them all gets its last one back).
 */
const DUE_AGAIN = { status: 'pending', nextAttemptAt: sql`now()`, leaseUntil: null, attempts: sql`least(${webhookDeliveries.attempts}, ${MAX_ATTEMPTS - 1})` } as const

/** A replay needs the endpoint switched on (409 otherwise): nothing is sent to a switched-off one. */
async function requireReplayable(scope: TenantScope, endpointId: string): Promise<void> {
  const endpoint = await findEndpoint(scope, endpointId)
  if (!endpoint.enabled) throw apiError(409, 'CONFLICT', 'This endpoint is switched off; switch it on to replay deliveries')
}

/**
 * Sends a delivery again now (delivered or failed alike), keeping its event id so the receiver can
 * tell a replay from a new event. A replay is one more try; if it fails, the schedule goes on
 * only while the delivery has tries left.
 */
export async function replayDelivery(scope: TenantScope, endpointId: string, deliveryId: string): Promise<WebhookDeliveryRow> {
  await requireReplayable(scope, endpointId)
  await findDelivery(scope, endpointId, deliveryId)
  const [row] = await scope.tx.update(webhookDeliveries)
    .set(DUE_AGAIN)
    .where(scope.where(webhookDeliveries, eq(webhookDeliveries.id, deliveryId))).returning()
  await scope.audit({ action: 'webhook.replayed', entityType: 'webhook_endpoint', entityId: endpointId, after: { deliveryId } })
  // Woken after the commit, so the run finds the delivery due.
  scope.wakesDispatcher = true
  return toRow(row!)
}

/** Sends again every failed delivery of an endpoint created since `since`. Answers how many. */
export async function replayFailedSince(scope: TenantScope, endpointId: string, since: string): Promise<{ replayed: number }> {
  await requireReplayable(scope, endpointId)
  const rows = await scope.tx.update(webhookDeliveries)
    .set(DUE_AGAIN)
    .where(scope.where(webhookDeliveries, eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.status, 'failed'), gte(webhookDeliveries.createdAt, new Date(since))))
    .returning({ id: webhookDeliveries.id })
  // Audited even when nothing was failed: someone asked.
  await scope.audit({ action: 'webhook.replayed', entityType: 'webhook_endpoint', entityId: endpointId, after: { since, count: rows.length } })
  if (rows.length) scope.wakesDispatcher = true
  return { replayed: rows.length }
}
