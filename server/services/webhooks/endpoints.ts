import { randomBytes } from 'node:crypto'
import { desc, eq, gte, inArray, sql } from 'drizzle-orm'
import { webhookDeliveries, webhookEndpoints } from '#drizzle/schema'
import type { WebhookCreate, WebhookEndpointRow, WebhookUpdate } from '#shared/schemas/webhooks'
import { SUBSCRIBABLE_EVENT_TYPES } from '#shared/events'
import type { TenantScope } from '#server/utils/tenant-db'

/** How long a rotated-out secret keeps signing beside the new one. */
export const PREVIOUS_SECRET_HOURS = 24

/** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64. */
export function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`
}

type Endpoint = typeof webhookEndpoints.$inferSelect

function toRow(r: Endpoint, recent: WebhookEndpointRow['recent'] = { delivered: 0, failed: 0, pending: 0 }): WebhookEndpointRow {
  const previousLive = r.previousSecretExpiresAt && r.previousSecretExpiresAt.getTime() > Date.now()
  return {
    id: r.id,
    url: r.url,
    description: r.description,
    eventTypes: r.eventTypes,
    enabled: r.enabled,
    disabledReason: r.disabledReason,
    failingSince: r.failingSince?.toISOString() ?? null,
    previousSecretExpiresAt: previousLive ? r.previousSecretExpiresAt!.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
    recent,
  }
}

async function recentCounts(scope: TenantScope, ids: string[]): Promise<Map<string, WebhookEndpointRow['recent']>> {
  const out = new Map<string, WebhookEndpointRow['recent']>()
  if (!ids.length) return out
  const rows = await scope.tx.select({ endpointId: webhookDeliveries.endpointId, status: webhookDeliveries.status, n: sql<number>`count(*)::int` })
    .from(webhookDeliveries)
    .where(scope.where(webhookDeliveries, inArray(webhookDeliveries.endpointId, ids), gte(webhookDeliveries.createdAt, sql`now() - interval '24 hours'`)))
    .groupBy(webhookDeliveries.endpointId, webhookDeliveries.status)
  for (const r of rows) {
    const counts = out.get(r.endpointId) ?? { delivered: 0, failed: 0, pending: 0 }
    if (r.status === 'delivered' || r.status === 'failed' || r.status === 'pending') counts[r.status] = r.n
    out.set(r.endpointId, counts)
  }
  return out
}

/** The workspace's endpoints, newest first, with their last day's deliveries by outcome. */
export async function listEndpoints(scope: TenantScope): Promise<WebhookEndpointRow[]> {
  const rows = await scope.tx.select().from(webhookEndpoints).where(scope.where(webhookEndpoints)).orderBy(desc(webhookEndpoints.createdAt))
  const recent = await recentCounts(scope, rows.map(r => r.id))
  return rows.map(r => toRow(r, recent.get(r.id)))
}

/** One endpoint (404 when it is not this workspace's). */
export async function findEndpoint(scope: TenantScope, id: string): Promise<Endpoint> {
  const [row] = await scope.tx.select().from(webhookEndpoints).where(scope.where(webhookEndpoints, eq(webhookEndpoints.id, id))).limit(1)
  if (!row) throw notFound('No such webhook endpoint')
  return row
}

export async function getEndpoint(scope: TenantScope, id: string): Promise<WebhookEndpointRow> {
  const row = await findEndpoint(scope, id)
  return toRow(row, (await recentCounts(scope, [id])).get(id))
}

/** Creates an endpoint; its signing secret is in this answer (and can be revealed later by admins). */
export async function createEndpoint(scope: TenantScope, createdBy: string | null, input: WebhookCreate): Promise<WebhookEndpointRow & { secret: string }> {
  await refuseUnreachableUrl(input.url, 'url')
  const secret = newSecret()
  const [row] = await scope.tx.insert(webhookEndpoints).values(scope.values(webhookEndpoints, [{
    url: input.url, description: input.description, eventTypes: input.eventTypes, secret: sealSecret(secret), createdBy,
  }])).returning()
  await scope.audit({ action: 'webhook.created', entityType: 'webhook_endpoint', entityId: row!.id, after: { url: input.url, eventTypes: input.eventTypes, description: input.description } })
  return { ...toRow(row!), secret }
}

/** Changes an endpoint; switching it back on clears the failure streak that disabled it. */
export async function updateEndpoint(scope: TenantScope, id: string, patch: WebhookUpdate): Promise<WebhookEndpointRow> {
  const before = await findEndpoint(scope, id)
  if (patch.url !== undefined && patch.url !== before.url) await refuseUnreachableUrl(patch.url, 'url')
  const set: Partial<Endpoint> = { ...patch, updatedAt: new Date() }
  if (patch.enabled === true && !before.enabled) Object.assign(set, { disabledReason: null, failingSince: null })
  if (patch.enabled === false && before.enabled) set.disabledReason = null
  const [after] = await scope.tx.update(webhookEndpoints).set(set).where(scope.where(webhookEndpoints, eq(webhookEndpoints.id, id))).returning()
  const changed = Object.fromEntries(Object.entries(patch).filter(([key, value]) => JSON.stringify(before[key as keyof Endpoint]) !== JSON.stringify(value)))
  if (Object.keys(changed).length) {
    const was = Object.fromEntries(Object.keys(changed).map(key => [key, before[key as keyof Endpoint]]))
    await scope.audit({ action: 'webhook.updated', entityType: 'webhook_endpoint', entityId: id, before: was, after: changed })
  }
  return getEndpoint(scope, after!.id)
}

/** Removes an endpoint and its delivery log. */
export async function deleteEndpoint(scope: TenantScope, id: string): Promise<void> {
  const before = await findEndpoint(scope, id)
  await scope.tx.delete(webhookEndpoints).where(scope.where(webhookEndpoints, eq(webhookEndpoints.id, id)))
  await scope.audit({ action: 'webhook.deleted', entityType: 'webhook_endpoint', entityId: id, before: { url: before.url, eventTypes: before.eventTypes } })
}

/** The current signing secret, for an admin to copy into the receiver. */
export async function revealSecret(scope: TenantScope, id: string): Promise<{ secret: string }> {
  const row = await findEndpoint(scope, id)
  await scope.audit({ action: 'webhook.secret_revealed', entityType: 'webhook_endpoint', entityId: id })
  return { secret: openSecret(row.secret) }
}

/**
 * A new signing secret. The old one keeps signing beside it for PREVIOUS_SECRET_HOURS, so the
 * receiver can switch over without missing a delivery (both signatures are sent meanwhile).
 */
export async function rotateSecret(scope: TenantScope, id: string): Promise<WebhookEndpointRow & { secret: string }> {
  const before = await findEndpoint(scope, id)
  const secret = newSecret()
  const expires = new Date(Date.now() + PREVIOUS_SECRET_HOURS * 3_600_000)
  const [row] = await scope.tx.update(webhookEndpoints)
    .set({ secret: sealSecret(secret), previousSecret: before.secret, previousSecretExpiresAt: expires, updatedAt: new Date() })
    .where(scope.where(webhookEndpoints, eq(webhookEndpoints.id, id))).returning()
  await scope.audit({ action: 'webhook.secret_rotated', entityType: 'webhook_endpoint', entityId: id, after: { previousSecretExpiresAt: expires } })
  return { ...toRow(row!), secret }
}

/** Queues a `webhook.test` event for this endpoint alone (whatever it subscribes to). */
export async function sendTestEvent(scope: TenantScope, id: string): Promise<{ deliveryId: string }> {
  const endpoint = await findEndpoint(scope, id)
  if (!endpoint.enabled) throw apiError(409, 'CONFLICT', 'This endpoint is switched off; switch it on to send it a test event')
  const [event] = await scope.emit('webhook.test', { message: 'A test event from Atrium: your endpoint is reachable and verifies signatures.', endpointId: id })
  const [delivery] = await scope.tx.insert(webhookDeliveries).values(scope.values(webhookDeliveries, [{ endpointId: id, eventId: event!, eventType: 'webhook.test' }])).returning({ id: webhookDeliveries.id })
  await scope.audit({ action: 'webhook.test_sent', entityType: 'webhook_endpoint', entityId: id })
  return { deliveryId: delivery!.id }
}

/** Endpoints that want an event type: enabled ones subscribed to it or to everything. */
export function wants(endpoint: { eventTypes: string[] }, type: string): boolean {
  return SUBSCRIBABLE_EVENT_TYPES.includes(type) && (endpoint.eventTypes.includes('*') || endpoint.eventTypes.includes(type))
}
