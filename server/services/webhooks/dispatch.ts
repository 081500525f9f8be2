import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm'
import { Webhook } from 'standardwebhooks'
import { domainEvents, inboundWebhooks, roles, users, webhookDeliveries, webhookEndpoints } from '#drizzle/schema'
import type { AttemptLogEntry } from '#drizzle/schema'
import type { EventEnvelope } from '#shared/events'
import { rowsOf } from '#server/database/connect'
import { activeTenantsWhere } from '#server/utils/tenant-scan'
import type { TenantScope } from '#server/utils/tenant-db'
import type { TenantContext } from '#server/utils/tenant'
import { wants } from './endpoints'

/**
 * From the outbox to the endpoints, in one job per tenant (`webhooks-run`):
 * 1. first tries: undispatched events are leased to the run, sent to each enabled endpoint that
 *    wants them, and only then written down: one statement inserts each (endpoint, event)
 *    delivery with its outcome and log entry, and marks the events dispatched. The pair is unique,
 *    so a run whose lease ran out cannot add a second row; a run that stopped before recording
 *    leaves its events to the next run, which sends them again under the same message id.
 * 2. later tries: due deliveries (retries, replays, test events) are leased, sent, and their
 *    outcome recorded with the try appended to the row's log.
 * Each try is signed (Standard Webhooks) and sent through the outbound guard: a 2xx within 15 s
 * delivers it; anything else schedules the next try on RETRY_DELAYS_S, and the last failure marks
 * it failed. An endpoint failing for DISABLE_AFTER_DAYS is switched off and the workspace's
 * admins are told by mail. A try costs one row write: no attempt rows, no lease write for a
 * first try (docs/webhooks.md, "What a delivery costs").
 * The job is queued when a transaction with events commits, and by a sweep every minute for
 * anything a crash or a retry's time left waiting.
 */

/** Seconds before try n+1 after try n failed (anchor: Svix): immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const RETRY_DELAYS_S = [0, 5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600]
/** Tries in all (the first one included). */
export const MAX_ATTEMPTS = RETRY_DELAYS_S.length
export const DISABLE_AFTER_DAYS = 5
/** Outbox rows older than this are deleted (their deliveries and attempts with them), and so are incoming webhooks' log entries. */
export const EVENT_RETENTION_DAYS = 30
const TIMEOUT_MS = 15_000
const LEASE_S = 60
const BATCH = 200
const PARALLEL = 16

/** Called once per process (the jobs plugin) to queue work: `webhooks-run` for a tenant, after `delaySeconds`. */
let queueRun: ((tenantId: string, delaySeconds?: number) => Promise<unknown>) | undefined

export function useWebhookQueue(fn: (tenantId: string, delaySeconds?: number) => Promise<unknown>): void {
  queueRun = fn
}

/** Wakes the dispatcher for a tenant after a commit that wrote events; a lost wake-up is caught by the sweep. */
export const kickWebhooks = tenantKicker('webhooks', () => queueRun)

type EventRow = typeof domainEvents.$inferSelect

interface Target {
  url: string
  secrets: string[]
}

/** What one try is about: an event for an endpoint; `id` and `attempts` once the delivery has a row. */
interface Claimed {
  id?: string
  attempts: number
  eventId: string
  endpointId: string
}

/** The endpoints' addresses and live secrets (both while a rotated-out one still signs). */
function targets(endpoints: (typeof webhookEndpoints.$inferSelect)[]): Map<string, Target> {
  return new Map(endpoints.map((ep) => {
    const secrets = [openSecret(ep.secret)]
    if (ep.previousSecret && ep.previousSecretExpiresAt && ep.previousSecretExpiresAt.getTime() > Date.now()) secrets.push(openSecret(ep.previousSecret))
    return [ep.id, { url: ep.url, secrets }]
  }))
}

interface Fresh {
  /** Events looked at (whether or not any endpoint wants them). */
  events: number
  /** More may be waiting. */
  more: boolean
  /** Leased to this run: their first tries, to send now. */
  leased: string[]
  pairs: Claimed[]
  eventById: Map<string, EventRow>
  targetById: Map<string, Target>
}

/**
 * Takes undispatched events (and those whose run's lease ran out) for their first tries. Events
 * no endpoint wants are marked dispatched at once; the rest are leased to this run, as many as
 * make at most BATCH tries, and get their delivery rows only when the tries are recorded (the row
 * is written once, with its outcome). Should the run stop before that, the lease runs out and the
 * next run sends them again under the same message id, which receivers deduplicate on.
 */
async function claimFresh(scope: TenantScope, enabled: boolean): Promise<Fresh> {
  const events = await scope.tx.select().from(domainEvents)
    .where(scope.where(domainEvents, isNull(domainEvents.dispatchedAt),
      or(isNull(domainEvents.dispatchLeaseUntil), lt(domainEvents.dispatchLeaseUntil, sql`now()`))))
    .orderBy(asc(domainEvents.occurredAt)).limit(BATCH).for('update', { skipLocked: true })
  const fresh: Fresh = { events: events.length, more: events.length === BATCH, leased: [], pairs: [], eventById: new Map(), targetById: new Map() }
  if (!events.length) return fresh
  const endpoints = enabled
    ? await scope.tx.select().from(webhookEndpoints).where(scope.where(webhookEndpoints, eq(webhookEndpoints.enabled, true)))
    : []
  const done: string[] = []
  for (const event of events) {
    const wanted = endpoints.filter(ep => wants(ep, event.type))
    if (!wanted.length) {
      done.push(event.id)
      continue
    }
    if (fresh.pairs.length && fresh.pairs.length + wanted.length > BATCH) {
      fresh.more = true
      break
    }
    fresh.leased.push(event.id)
    fresh.eventById.set(event.id, event)
    for (const ep of wanted) fresh.pairs.push({ attempts: 0, eventId: event.id, endpointId: ep.id })
  }
  fresh.targetById = targets(endpoints.filter(ep => fresh.pairs.some(p => p.endpointId === ep.id)))
  if (done.length) {
    await scope.tx.update(domainEvents).set({ dispatchedAt: sql`now()`, dispatchLeaseUntil: null })
      .where(scope.where(domainEvents, inArray(domainEvents.id, done)))
  }
  if (fresh.leased.length) {
    await scope.tx.update(domainEvents).set({ dispatchLeaseUntil: sql`now() + make_interval(secs => ${LEASE_S})` })
      .where(scope.where(domainEvents, inArray(domainEvents.id, fresh.leased)))
  }
  return fresh
}

/** Leases up to BATCH due deliveries of enabled endpoints (retries, replays, test events). */
async function claimDue(scope: TenantScope): Promise<Claimed[]> {
  const due = scope.tx.select({ id: webhookDeliveries.id }).from(webhookDeliveries)
    .innerJoin(webhookEndpoints, and(eq(webhookEndpoints.tenantId, webhookDeliveries.tenantId), eq(webhookEndpoints.id, webhookDeliveries.endpointId)))
    .where(scope.where(webhookDeliveries, eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, sql`now()`),
      or(isNull(webhookDeliveries.leaseUntil), lt(webhookDeliveries.leaseUntil, sql`now()`)), eq(webhookEndpoints.enabled, true)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt)).limit(BATCH).for('update', { of: webhookDeliveries, skipLocked: true })
  return scope.tx.update(webhookDeliveries).set({ leaseUntil: sql`now() + make_interval(secs => ${LEASE_S})` })
    .where(scope.where(webhookDeliveries, inArray(webhookDeliveries.id, due)))
    .returning({ id: webhookDeliveries.id, attempts: webhookDeliveries.attempts, eventId: webhookDeliveries.eventId, endpointId: webhookDeliveries.endpointId })
}

interface Sent {
  delivery: Claimed
  attempt: number
  ok: boolean
  entry: AttemptLogEntry
}

/** The headers of one signed request: both secrets sign while a rotated-out one is still live. */
export function signedHeaders(secrets: string[], id: string, timestamp: Date, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': secrets.map(s => new Webhook(s).sign(id, timestamp, body)).join(' '),
  }
}

/** What is sent for an event: the same body on every try and every endpoint. */
export function envelopeOf(event: EventRow): EventEnvelope {
  return { id: event.id, type: event.type, version: event.version, timestamp: event.occurredAt.toISOString(), data: event.data }
}

async function send(delivery: Claimed, envelope: EventEnvelope, url: string, secrets: string[]): Promise<Sent> {
  const startedAt = new Date()
  const body = JSON.stringify(envelope)
  const headers = signedHeaders(secrets, envelope.id, startedAt, body)
  const attempt = delivery.attempts + 1
  const tried = (ok: boolean, rest: Pick<AttemptLogEntry, 'responseStatus' | 'responseBody' | 'error' | 'durationMs'>): Sent =>
    ({ delivery, attempt, ok, entry: { attempt, startedAt: startedAt.toISOString(), requestHeaders: headers, ...rest } })
  try {
    const answer = await outboundRequest(url, { method: 'POST', headers, body, timeoutMs: TIMEOUT_MS, keepBytes: 2048 })
    const ok = answer.status >= 200 && answer.status < 300 && answer.durationMs <= TIMEOUT_MS
    const error = ok
      ? null
      : answer.status >= 300 && answer.status < 400 ? `Redirects are not followed (${answer.status} to ${answer.headers.location ?? 'nowhere'})` : `Answered ${answer.status}`
    return tried(ok, { responseStatus: answer.status, responseBody: answer.body, error, durationMs: answer.durationMs })
  }
  catch (error) {
    const message = error instanceof OutboundRefused ? `Refused: the URL ${error.message}` : (error as Error).message || 'Connection failed'
    return tried(false, { responseStatus: null, responseBody: null, error: message, durationMs: Date.now() - startedAt.getTime() })
  }
}

/** Sends every try of a batch, PARALLEL at a time. */
async function sendAll(claimed: Claimed[], eventById: Map<string, EventRow>, targetById: Map<string, Target>): Promise<Sent[]> {
  const sent: Sent[] = []
  for (let i = 0; i < claimed.length; i += PARALLEL) {
    sent.push(...await Promise.all(claimed.slice(i, i + PARALLEL).map((delivery) => {
      const target = targetById.get(delivery.endpointId)!
      return send(delivery, envelopeOf(eventById.get(delivery.eventId)!), target.url, target.secrets)
    })))
  }
  return sent
}

/** A try's outcome: delivered, due again after `retryIn` seconds, or failed for good. */
function outcome(s: Sent): { status: 'delivered' | 'pending' | 'failed', retryIn: number | null } {
  const last = s.attempt >= MAX_ATTEMPTS
  const retryIn = s.ok || last ? null : RETRY_DELAYS_S[s.attempt]!
  return { status: s.ok ? 'delivered' : last ? 'failed' : 'pending', retryIn }
}

const soonestOf = (retries: (number | null)[]): number | null => {
  const due = retries.filter((r): r is number => r !== null)
  return due.length ? Math.min(...due) : null
}

/**
 * Records first tries: one statement writes each delivery row with its outcome and first log
 * entry, another marks the events dispatched. A pair another run recorded first (after this run's
 * lease ran out) is left as that run wrote it. Answers the seconds until the soonest retry.
 */
async function recordFresh(scope: TenantScope, fresh: Fresh, sent: Sent[]): Promise<number | null> {
  const rows = sent.map((s) => {
    const { status, retryIn } = outcome(s)
    return {
      endpointId: s.delivery.endpointId,
      eventId: s.delivery.eventId,
      eventType: fresh.eventById.get(s.delivery.eventId)!.type,
      status,
      attempts: s.attempt,
      nextAttemptAt: retryIn === null ? sql`now()` : sql`now() + make_interval(secs => ${retryIn})`,
      lastStatus: s.entry.responseStatus,
      lastError: s.entry.error,
      deliveredAt: s.ok ? new Date(s.entry.startedAt) : null,
      attemptLog: [s.entry],
      retryIn,
    }
  })
  const inserted = rows.length
    ? await scope.tx.insert(webhookDeliveries)
        .values(scope.values(webhookDeliveries, rows.map(({ retryIn: _, ...row }) => row)))
        .onConflictDoNothing().returning({ endpointId: webhookDeliveries.endpointId, eventId: webhookDeliveries.eventId })
    : []
  await scope.tx.update(domainEvents).set({ dispatchedAt: sql`now()`, dispatchLeaseUntil: null })
    .where(scope.where(domainEvents, inArray(domainEvents.id, fresh.leased)))
  const written = new Set(inserted.map(r => `${r.endpointId} ${r.eventId}`))
  return soonestOf(rows.filter(r => written.has(`${r.endpointId} ${r.eventId}`)).map(r => r.retryIn))
}

/**
 * Records later tries (retries, replays, test events) in one statement: each delivery's outcome,
 * with the try appended to its log. Answers the seconds until the soonest retry (null when none).
 */
async function recordRetries(scope: TenantScope, sent: Sent[]): Promise<number | null> {
  if (!sent.length) return null
  const outcomes = sent.map(s => ({ s, ...outcome(s) }))
  const values = sql.join(outcomes.map(({ s, retryIn, status }) =>
    sql`(${s.delivery.id!}::uuid, ${status}, ${s.attempt}::int, ${s.entry.responseStatus}::int, ${s.entry.error}, ${s.ok ? s.entry.startedAt : null}::timestamptz, ${retryIn}::int, ${JSON.stringify(s.entry)}::jsonb)`), sql`, `)
  const updated = await scope.tx.execute(sql`
    update webhook_deliveries d set status = v.status, attempts = v.attempt, last_status = v.last_status, last_error = v.last_error,
      lease_until = null, delivered_at = v.delivered_at, next_attempt_at = coalesce(now() + make_interval(secs => v.retry_s), d.next_attempt_at),
      attempt_log = d.attempt_log || jsonb_build_array(v.entry)
    from (values ${values}) as v(id, status, attempt, last_status, last_error, delivered_at, retry_s, entry)
    where d.tenant_id = ${scope.tenantId} and d.id = v.id
    returning d.id`)
  // A delivery whose endpoint was removed while its request was out is gone, and so is its retry.
  const still = new Set(rowsOf<{ id: string }>(updated).map(r => r.id))
  return soonestOf(outcomes.filter(o => still.has(o.s.delivery.id!)).map(o => o.retryIn))
}

/** Updates the endpoints' failure streaks; disables those failing for DISABLE_AFTER_DAYS. Answers the ones disabled. */
async function settleEndpoints(scope: TenantScope, sent: Sent[]): Promise<{ id: string, url: string }[]> {
  const healthy = [...new Set(sent.filter(s => s.ok).map(s => s.delivery.endpointId))]
  const failing = [...new Set(sent.filter(s => !s.ok).map(s => s.delivery.endpointId))].filter(id => !healthy.includes(id))
  if (healthy.length) {
    await scope.tx.update(webhookEndpoints).set({ failingSince: null })
      .where(scope.where(webhookEndpoints, inArray(webhookEndpoints.id, healthy), sql`${webhookEndpoints.failingSince} is not null`))
  }
  if (!failing.length) return []
  await scope.tx.update(webhookEndpoints).set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, now())` })
    .where(scope.where(webhookEndpoints, inArray(webhookEndpoints.id, failing)))
  const reason = `Every delivery failed for ${DISABLE_AFTER_DAYS} days`
  const disabled = await scope.tx.update(webhookEndpoints).set({ enabled: false, disabledReason: reason, updatedAt: new Date() })
    .where(scope.where(webhookEndpoints, inArray(webhookEndpoints.id, failing), eq(webhookEndpoints.enabled, true),
      lte(webhookEndpoints.failingSince, sql`now() - make_interval(days => ${DISABLE_AFTER_DAYS})`)))
    .returning({ id: webhookEndpoints.id, url: webhookEndpoints.url })
  for (const endpoint of disabled) {
    await scope.audit({ action: 'webhook.disabled', entityType: 'webhook_endpoint', entityId: endpoint.id, after: { enabled: false, reason } })
  }
  return disabled
}

/** Mails the workspace's active admins, in its brand, that an endpoint was switched off. */
async function tellAdmins(scope: TenantScope, tenant: TenantContext, disabled: { id: string, url: string }[]): Promise<void> {
  const admins = await scope.tx.select({ email: users.email }).from(users)
    .innerJoin(roles, and(eq(roles.tenantId, users.tenantId), eq(roles.id, users.roleId)))
    .where(scope.where(users, eq(users.status, 'active'), eq(roles.key, 'admin')))
  const origin = workspaceOrigin(tenant)
  for (const endpoint of disabled) {
    for (const { email } of admins) {
      const mail = brandedNotice(tenant, origin, {
        to: email,
        subject: `Webhook endpoint switched off: ${endpoint.url}`,
        text: `Every delivery to ${endpoint.url} has failed for ${DISABLE_AFTER_DAYS} days, so ${tenant.name} stopped sending events to it.\n\nFix the receiver, switch the endpoint on again in Settings → Webhooks, and replay the failed deliveries.`,
        action: 'Open the endpoint',
        url: `${origin}/settings/webhooks/${endpoint.id}`,
      })
      await sendMail(null, mail).catch(error => logger().warn({ cause: (error as Error).message }, 'webhooks: could not mail an admin'))
    }
  }
}

export interface RunSummary {
  dispatched: number
  delivered: number
  failed: number
  disabled: number
}

/**
 * One tenant's run: fan out, then send what is due, until nothing is left. Safe to run twice at
 * once or again after a crash: fan-out is unique per pair, sends are leased, records are keyed.
 */
export async function runWebhooks(tenantId: string): Promise<RunSummary> {
  const summary: RunSummary = { dispatched: 0, delivered: 0, failed: 0, disabled: 0 }
  const tenant = await tenantById(tenantId)
  if (!tenant) return summary
  const enabled = !!tenant.features.webhooks && tenant.status === 'active'
  let soonest: number | null = null
  const settle = async (sent: Sent[], recordTries: (scope: TenantScope) => Promise<number | null>) => {
    const disabled = await runInTenant(tenantId, async (scope) => {
      const retryIn = await recordTries(scope)
      soonest = soonestOf([soonest, retryIn])
      return settleEndpoints(scope, sent)
    })
    summary.delivered += sent.filter(s => s.ok).length
    summary.failed += sent.filter(s => !s.ok).length
    summary.disabled += disabled.length
    if (disabled.length) await runInTenant(tenantId, scope => tellAdmins(scope, tenant, disabled))
  }
  // First tries of new events, sent before their delivery rows are written.
  for (;;) {
    const fresh = await runInTenant(tenantId, scope => claimFresh(scope, enabled))
    summary.dispatched += fresh.events
    if (fresh.pairs.length) {
      const sent = await sendAll(fresh.pairs, fresh.eventById, fresh.targetById)
      await settle(sent, scope => recordFresh(scope, fresh, sent))
    }
    if (!fresh.more) break
  }
  await runInTenant(tenantId, scope => Promise.all([
    scope.tx.delete(domainEvents).where(scope.where(domainEvents, lt(domainEvents.occurredAt, sql`now() - make_interval(days => ${EVENT_RETENTION_DAYS})`))),
    scope.tx.delete(inboundWebhooks).where(scope.where(inboundWebhooks, lt(inboundWebhooks.receivedAt, sql`now() - make_interval(days => ${EVENT_RETENTION_DAYS})`))),
  ]))
  // Then whatever is due on existing rows: retries, replays, test events.
  for (;enabled;) {
    const claimed = await runInTenant(tenantId, claimDue)
    if (!claimed.length) break
    const [events, endpoints] = await runInTenant(tenantId, scope => Promise.all([
      scope.tx.select().from(domainEvents).where(scope.where(domainEvents, inArray(domainEvents.id, [...new Set(claimed.map(c => c.eventId))]))),
      scope.tx.select().from(webhookEndpoints).where(scope.where(webhookEndpoints, inArray(webhookEndpoints.id, [...new Set(claimed.map(c => c.endpointId))]))),
    ]))
    const sent = await sendAll(claimed, new Map(events.map(e => [e.id, e])), targets(endpoints))
    await settle(sent, scope => recordRetries(scope, sent))
    if (claimed.length < BATCH) break
  }
  // The next retry is queued now; the sweep is the safety net should this instance stop.
  if (soonest !== null && queueRun) await queueRun(tenantId, soonest)
  return summary
}

/**
 * Every minute: queues a run for each tenant with events still undispatched after 10 s, or with
 * deliveries due (a retry whose time has come, a lease that a stopped instance left behind).
 */
export async function sweepWebhooks(): Promise<{ tenants: number }> {
  const owed = await activeTenantsWhere(`exists (select 1 from domain_events where tenant_id = tid and dispatched_at is null and occurred_at < now() - interval '10 seconds'
      and (dispatch_lease_until is null or dispatch_lease_until < now()))
    or exists (select 1 from webhook_deliveries where tenant_id = tid and status = 'pending' and next_attempt_at <= now() and (lease_until is null or lease_until < now()))`)
  if (queueRun) for (const tenantId of owed) await queueRun(tenantId)
  return { tenants: owed.length }
}
