import { count, desc, eq, sql } from 'drizzle-orm'
import { Webhook, WebhookVerificationError } from 'standardwebhooks'
import { inboundWebhooks, webhookReceivers } from '#drizzle/schema'
import type { InboundWebhookRow, ReceiverCreate, ReceiverLogQuery, ReceiverUpdate, WebhookReceiverRow } from '#shared/schemas/webhooks'
import type { TenantScope } from '#server/utils/tenant-db'
import { newSecret } from './endpoints'

/** The largest body a receiver takes (a larger one is refused with 413 and logged). */
export const RECEIVER_MAX_BYTES = 256 * 1024
/** Headers kept in the log: the signature scheme's and the sender's description of the body. */
const KEPT_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature', 'content-type', 'user-agent']

type Receiver = typeof webhookReceivers.$inferSelect

function toRow(r: Receiver): WebhookReceiverRow {
  return { id: r.id, name: r.name, path: `/api/hooks/${r.id}`, enabled: r.enabled, lastReceivedAt: r.lastReceivedAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString() }
}

async function findReceiver(scope: TenantScope, id: string): Promise<Receiver> {
  const [row] = await scope.tx.select().from(webhookReceivers).where(scope.where(webhookReceivers, eq(webhookReceivers.id, id))).limit(1)
  if (!row) throw notFound('No such receiver')
  return row
}

export async function listReceivers(scope: TenantScope): Promise<WebhookReceiverRow[]> {
  const rows = await scope.tx.select().from(webhookReceivers).where(scope.where(webhookReceivers)).orderBy(desc(webhookReceivers.createdAt))
  return rows.map(toRow)
}

export async function getReceiver(scope: TenantScope, id: string): Promise<WebhookReceiverRow> {
  return toRow(await findReceiver(scope, id))
}

/** A new receiver; its secret is in this answer (the sender signs with it). */
export async function createReceiver(scope: TenantScope, createdBy: string | null, input: ReceiverCreate): Promise<WebhookReceiverRow & { secret: string }> {
  const secret = newSecret()
  const [row] = await scope.tx.insert(webhookReceivers).values(scope.values(webhookReceivers, [{ name: input.name, secret: sealSecret(secret), createdBy }])).returning()
  await scope.audit({ action: 'webhook_receiver.created', entityType: 'webhook_receiver', entityId: row!.id, after: { name: input.name } })
  return { ...toRow(row!), secret }
}

export async function updateReceiver(scope: TenantScope, id: string, patch: ReceiverUpdate): Promise<WebhookReceiverRow> {
  const before = await findReceiver(scope, id)
  const [row] = await scope.tx.update(webhookReceivers).set(patch).where(scope.where(webhookReceivers, eq(webhookReceivers.id, id))).returning()
  await scope.audit({ action: 'webhook_receiver.updated', entityType: 'webhook_receiver', entityId: id, before: { name: before.name, enabled: before.enabled }, after: patch })
  return toRow(row!)
}

export async function deleteReceiver(scope: TenantScope, id: string): Promise<void> {
  const before = await findReceiver(scope, id)
  await scope.tx.delete(webhookReceivers).where(scope.where(webhookReceivers, eq(webhookReceivers.id, id)))
  await scope.audit({ action: 'webhook_receiver.deleted', entityType: 'webhook_receiver', entityId: id, before: { name: before.name } })
}

/** A new secret at once (the sender must switch: the old one stops verifying now). */
export async function rotateReceiverSecret(scope: TenantScope, id: string): Promise<WebhookReceiverRow & { secret: string }> {
  await findReceiver(scope, id)
  const secret = newSecret()
  const [row] = await scope.tx.update(webhookReceivers).set({ secret: sealSecret(secret) }).where(scope.where(webhookReceivers, eq(webhookReceivers.id, id))).returning()
  await scope.audit({ action: 'webhook_receiver.secret_rotated', entityType: 'webhook_receiver', entityId: id })
  return { ...toRow(row!), secret }
}

/** What a receiver was sent, newest first, a page at a time. */
export async function receiverLog(scope: TenantScope, id: string, query: ReceiverLogQuery): Promise<{ items: InboundWebhookRow[], total: number, page: number, pageSize: number }> {
  await findReceiver(scope, id)
  const where = scope.where(inboundWebhooks, eq(inboundWebhooks.receiverId, id), query.status ? eq(inboundWebhooks.status, query.status) : undefined)
  const [rows, [total]] = await Promise.all([
    scope.tx.select().from(inboundWebhooks).where(where).orderBy(desc(inboundWebhooks.receivedAt), desc(inboundWebhooks.id))
      .limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    scope.tx.select({ n: count() }).from(inboundWebhooks).where(where),
  ])
  return {
    items: rows.map(r => ({
      id: r.id, messageId: r.messageId, status: r.status as InboundWebhookRow['status'], reason: r.reason,
      headers: r.headers as Record<string, string>, body: r.body, sourceIp: r.sourceIp, receivedAt: r.receivedAt.toISOString(),
    })),
    total: total!.n,
    page: query.page,
    pageSize: query.pageSize,
  }
}

export interface Delivered {
  raw: string
  headers: Record<string, string | undefined>
  tooLarge: boolean
}

/** Why a request does not verify, in words the sender's developer can act on. */
function rejection(error: unknown, headers: Delivered['headers']): string {
  if (!headers['webhook-id'] || !headers['webhook-timestamp'] || !headers['webhook-signature']) return 'Missing webhook-id, webhook-timestamp or webhook-signature header'
  const message = error instanceof WebhookVerificationError ? error.message : ''
  if (/timestamp/i.test(message)) return 'The webhook-timestamp is more than 5 minutes away from now (an old or replayed message)'
  return 'The signature does not match the body and this receiver\'s secret'
}

/**
 * One request to a receiver: verified against the raw body (Standard Webhooks: the signature over
 * id, timestamp and body; a timestamp within 5 minutes), then logged. An accepted message becomes a
 * `webhook.received` event; the same message id again is answered as received and not stored twice.
 * A refused one is logged (so the admins can see why) and changes nothing else.
 */
export async function receiveWebhook(scope: TenantScope, id: string, request: Delivered): Promise<{ accepted: boolean, duplicate?: boolean, reason?: string, status: number }> {
  const [receiver] = await scope.tx.select().from(webhookReceivers).where(scope.where(webhookReceivers, eq(webhookReceivers.id, id), eq(webhookReceivers.enabled, true))).limit(1)
  if (!receiver) throw notFound('No such receiver')
  const headers = Object.fromEntries(KEPT_HEADERS.filter(h => request.headers[h] !== undefined).map(h => [h, String(request.headers[h])]))
  const messageId = request.headers['webhook-id'] ?? null
  // A refused request keeps only the start of its body: enough to see what came, not a store for anyone who knows the address.
  const log = (status: 'accepted' | 'rejected', reason: string | null) => scope.tx.insert(inboundWebhooks).values(scope.values(inboundWebhooks, [{
    receiverId: id, messageId, status, reason, headers, body: request.tooLarge ? '' : status === 'accepted' ? request.raw : request.raw.slice(0, 2048), sourceIp: scope.request.clientIp ?? null,
  }])).onConflictDoNothing().returning({ id: inboundWebhooks.id })

  if (request.tooLarge) {
    await log('rejected', `The body is larger than ${RECEIVER_MAX_BYTES / 1024} KB`)
    return { accepted: false, reason: `The body is larger than ${RECEIVER_MAX_BYTES / 1024} KB`, status: 413 }
  }
  let payload: unknown
  try {
    payload = new Webhook(openSecret(receiver.secret)).verify(request.raw, request.headers as Record<string, string>)
  }
  catch (error) {
    const reason = rejection(error, request.headers)
    await log('rejected', reason)
    return { accepted: false, reason, status: 401 }
  }
  const [stored] = await log('accepted', null)
  if (!stored) return { accepted: true, duplicate: true, status: 200 }
  await scope.tx.update(webhookReceivers).set({ lastReceivedAt: sql`now()` }).where(scope.where(webhookReceivers, eq(webhookReceivers.id, id)))
  await scope.emit('webhook.received', { receiverId: id, receiverName: receiver.name, messageId: messageId!, inboundId: stored.id, payload })
  return { accepted: true, status: 202 }
}
