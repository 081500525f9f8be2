import { sql } from 'drizzle-orm'
import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { tenantId, tenantRowId } from './columns'
import { tenants } from './platform'

// Domain events and their delivery to webhook endpoints. Tenant tables (RLS).

/**
 * The outbox: one row per domain event (shared/events.ts), written in the transaction of the
 * change it reports. `dispatchedAt` is set once the event has been fanned out to the endpoints
 * that want it; a sweep picks up any that a crash left behind.
 */
export const domainEvents = pgTable('domain_events', {
  tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
  id: tenantRowId(),
  type: text('type').notNull(),
  version: integer('version').notNull(),
  data: jsonb('data').notNull(),
  actorType: text('actor_type').notNull(),
  actorId: text('actor_id'),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
  /** While a run sends an event's first deliveries: another run leaves it alone until then. */
  dispatchLeaseUntil: timestamp('dispatch_lease_until', { withTimezone: true }),
  /** Set once workflows have looked at the event (and started any runs it triggers). */
  automatedAt: timestamp('automated_at', { withTimezone: true }),
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  index('domain_events_tenant_occurred_idx').on(t.tenantId, t.occurredAt),
  index('domain_events_undispatched_idx').on(t.tenantId, t.occurredAt).where(sql`dispatched_at is null`),
  index('domain_events_unautomated_idx').on(t.tenantId, t.occurredAt).where(sql`automated_at is null`),
])

/**
 * Where a workspace's events go: an https URL, the event types it wants, and the signing secret
 * (sealed). After a rotation the previous secret signs too until `previousSecretExpiresAt`.
 * `failingSince` is the first failed attempt of the current failure streak; an endpoint failing
 * for five days is disabled (`disabledReason`).
 */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
  id: tenantRowId(),
  url: text('url').notNull(),
  description: text('description').notNull().default(''),
  eventTypes: text('event_types').array().notNull(),
  secret: text('secret').notNull(),
  previousSecret: text('previous_secret'),
  previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
  enabled: boolean('enabled').notNull().default(true),
  disabledReason: text('disabled_reason'),
  failingSince: timestamp('failing_since', { withTimezone: true }),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  index('webhook_endpoints_tenant_created_idx').on(t.tenantId, t.createdAt),
])

/**
 * One event owed to one endpoint. The unique pair makes fan-out exactly once: a replayed
 * dispatch inserts nothing. `status` is pending until a 2xx (delivered) or the last retry
 * (failed); `nextAttemptAt` is when the next try is due, `leaseUntil` keeps two workers from
 * sending the same attempt.
 */
export const webhookDeliveries = pgTable('webhook_deliveries', {
  tenantId: tenantId(),
  id: tenantRowId(),
  endpointId: uuid('endpoint_id').notNull(),
  eventId: uuid('event_id').notNull(),
  eventType: text('event_type').notNull(),
  status: text('status').notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  lastStatus: integer('last_status'),
  lastError: text('last_error'),
  deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  /** Each try, oldest first ({@link AttemptLogEntry}): kept on the row, so recording a try is one write. */
  attemptLog: jsonb('attempt_log').$type<AttemptLogEntry[]>().notNull().default(sql`'[]'::jsonb`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ columns: [t.tenantId, t.endpointId], foreignColumns: [webhookEndpoints.tenantId, webhookEndpoints.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.tenantId, t.eventId], foreignColumns: [domainEvents.tenantId, domainEvents.id] }).onDelete('cascade'),
  uniqueIndex('webhook_deliveries_endpoint_event_uq').on(t.tenantId, t.endpointId, t.eventId),
  index('webhook_deliveries_endpoint_created_idx').on(t.tenantId, t.endpointId, t.createdAt),
  index('webhook_deliveries_due_idx').on(t.tenantId, t.nextAttemptAt).where(sql`status = 'pending'`),
])

/**
 * One try of a delivery, for the endpoint's log: the headers sent (the body is the event's
 * envelope, the same on every try), what came back, and how long it took.
 */
export interface AttemptLogEntry {
  attempt: number
  startedAt: string
  durationMs: number
  requestHeaders: Record<string, string>
  responseStatus: number | null
  responseBody: string | null
  error: string | null
}

/**
 * Incoming webhooks: a per-workspace address other systems post to (`/api/hooks/:id`), with its
 * own signing secret (sealed). Requests are verified per Standard Webhooks against the raw body.
 */
export const webhookReceivers = pgTable('webhook_receivers', {
  tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
  id: tenantRowId(),
  name: text('name').notNull(),
  secret: text('secret').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  lastReceivedAt: timestamp('last_received_at', { withTimezone: true }),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
])

/**
 * What a receiver was sent, accepted or not: the log admins read, and (accepted ones) what
 * automation can start from. An accepted message id is stored once: a sender's retry is answered
 * without storing it again.
 */
export const inboundWebhooks = pgTable('inbound_webhooks', {
  tenantId: tenantId(),
  id: tenantRowId(),
  receiverId: uuid('receiver_id').notNull(),
  messageId: text('message_id'),
  status: text('status').notNull(),
  reason: text('reason'),
  headers: jsonb('headers').notNull(),
  body: text('body').notNull(),
  sourceIp: text('source_ip'),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ columns: [t.tenantId, t.receiverId], foreignColumns: [webhookReceivers.tenantId, webhookReceivers.id] }).onDelete('cascade'),
  uniqueIndex('inbound_webhooks_message_uq').on(t.tenantId, t.receiverId, t.messageId).where(sql`status = 'accepted'`),
  index('inbound_webhooks_receiver_received_idx').on(t.tenantId, t.receiverId, t.receivedAt),
])

/**
 * Idempotency keys: the first answer to a POST that carried `Idempotency-Key`, per workspace and
 * key, for 24 hours. A retry with the same body gets this answer again instead of running twice;
 * the same key with another body is refused. `status` 0 marks a request still running.
 */
export const idempotencyKeys = pgTable('idempotency_keys', {
  tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
  key: text('key').notNull(),
  requestHash: text('request_hash').notNull(),
  status: integer('status').notNull().default(0),
  contentType: text('content_type'),
  body: text('body'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.key] }),
  index('idempotency_keys_created_idx').on(t.tenantId, t.createdAt),
])
