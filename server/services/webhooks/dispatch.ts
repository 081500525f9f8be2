import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm'
import { Webhook } from 'standardwebhooks'
import { domainEvents, inboundWebhooks, roles, users, webhookAttempts, webhookDeliveries, webhookEndpoints } from '#drizzle/schema'
import type { EventEnvelope } from '#shared/events'
import { rowsOf } from '#server/database/connect'
import { scanTenants } from '#server/utils/tenant-scan'
import type { TenantScope } from '#server/utils/tenant-db'
import type { TenantContext } from '#server/utils/tenant'
import { wants } from './endpoints'

/**
 * From the outbox to the endpoints, in one job per tenant (`webhooks-run`):
 * 1. fan-out: each undispatched event becomes one delivery per enabled endpoint that wants it;
 *    the (endpoint, event) pair is unique, so a replayed job adds nothing;
 * 2. delivery: each due delivery is leased (so two workers never send the same attempt), signed
 *    (Standard Webhooks), sent through the outbound guard, and its outcome recorded: a 2xx within
 *    15 s delivers it; anything else schedules the next try on RETRY_DELAYS_S, and the last
 *    failure marks it failed. An endpoint failing for DISABLE_AFTER_DAYS is switched off and the
 *    workspace's admins are told by mail.
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

// Writes come in bursts: one job per tenant per 20 ms is enough to wake the worker.
const pendingKicks = new Set<string>()
let kickTimer: NodeJS.Timeout | undefined

/** Wakes the dispatcher for a tenant after a commit that wrote events; a lost wake-up is caught by the sweep. */
export function kickWebhooks(tenantId: string): void {
  if (!queueRun) return
  pendingKicks.add(tenantId)
  kickTimer ??= setTimeout(() => {
    kickTimer = undefined
    const tenants = [...pendingKicks]
    pendingKicks.clear()
    for (const id of tenants) {
      queueRun!(id).catch(error => logger().warn({ tenantId: id, cause: (error as Error).message }, 'webhooks: could not queue a run; the sweep will'))
    }
  }, 20)
}

/**
 * Fans undispatched events out to deliveries, leased to this run from the start (it sends them
 * next, without claiming them again: one write per delivery less). Answers how many events it took
 * and the deliveries it made; should the run stop before sending them, their lease runs out and
 * the next run claims them like any other due delivery.
 */
async function fanOut(scope: TenantScope, enabled: boolean): Promise<{ events: number, fresh: Claimed[] }> {
  const events = await scope.tx.select({ id: domainEvents.id, type: domainEvents.type }).from(domainEvents)
    .where(scope.where(domainEvents, isNull(domainEvents.dispatchedAt)))
    .orderBy(asc(domainEvents.occurredAt)).limit(BATCH).for('update', { skipLocked: true })
  if (!events.length) return { events: 0, fresh: [] }
  let fresh: Claimed[] = []
  if (enabled) {
    const endpoints = await scope.tx.select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes }).from(webhookEndpoints)
      .where(scope.where(webhookEndpoints, eq(webhookEndpoints.enabled, true)))
    const lease = sql`now() + make_interval(secs => ${LEASE_S})`
    const rows = events.flatMap(e => endpoints.filter(ep => wants(ep, e.type)).map(ep => ({ endpointId: ep.id, eventId: e.id, eventType: e.type, leaseUntil: lease })))
    if (rows.length) {
      fresh = await scope.tx.insert(webhookDeliveries).values(scope.values(webhookDeliveries, rows)).onConflictDoNothing()
        .returning({ id: webhookDeliveries.id, attempts: webhookDeliveries.attempts, eventId: webhookDeliveries.eventId, endpointId: webhookDeliveries.endpointId })
    }
  }
  await scope.tx.update(domainEvents).set({ dispatchedAt: new Date() })
    .where(scope.where(domainEvents, inArray(domainEvents.id, events.map(e => e.id))))
  return { events: events.length, fresh }
}

interface Claimed {
  id: string
  attempts: number
  eventId: string
  endpointId: string
}

/** Leases up to BATCH due deliveries of enabled endpoints. */
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
  headers: Record<string, string>
  body: string
  status: number | null
  responseBody: string | null
  error: string | null
  durationMs: number
  startedAt: Date
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

async function send(delivery: Claimed, envelope: EventEnvelope, url: string, secrets: string[]): Promise<Sent> {
  const startedAt = new Date()
  const body = JSON.stringify(envelope)
  const headers = signedHeaders(secrets, envelope.id, startedAt, body)
  const attempt = delivery.attempts + 1
  try {
    const answer = await outboundRequest(url, { method: 'POST', headers, body, timeoutMs: TIMEOUT_MS, keepBytes: 2048 })
    const ok = answer.status >= 200 && answer.status < 300 && answer.durationMs <= TIMEOUT_MS
    const error = ok
      ? null
      : answer.status >= 300 && answer.status < 400 ? `Redirects are not followed (${answer.status} to ${answer.headers.location ?? 'nowhere'})` : `Answered ${answer.status}`
    return { delivery, attempt, ok, headers, body, status: answer.status, responseBody: answer.body, error, durationMs: answer.durationMs, startedAt }
  }
  catch (error) {
    const message = error instanceof OutboundRefused ? `Refused: the URL ${error.message}` : (error as Error).message || 'Connection failed'
    return { delivery, attempt, ok: false, headers, body, status: null, responseBody: null, error: message, durationMs: Date.now() - startedAt.getTime(), startedAt }
  }
}

/**
 * Records a batch of attempts' outcomes: one statement updates the deliveries, one inserts the
 * attempts. Answers the seconds until the soonest retry (null when none).
 */
async function record(scope: TenantScope, sent: Sent[]): Promise<number | null> {
  if (!sent.length) return null
  const outcomes = sent.map((s) => {
    const last = s.attempt >= MAX_ATTEMPTS
    const retryIn = s.ok || last ? null : RETRY_DELAYS_S[s.attempt]!
    return { s, retryIn, status: s.ok ? 'delivered' : last ? 'failed' : 'pending' }
  })
  const values = sql.join(outcomes.map(({ s, retryIn, status }) =>
    sql`(${s.delivery.id}::uuid, ${status}, ${s.attempt}::int, ${s.status}::int, ${s.error}, ${s.ok ? s.startedAt.toISOString() : null}::timestamptz, ${retryIn}::int)`), sql`, `)
  const updated = await scope.tx.execute(sql`
    update webhook_deliveries d set status = v.status, attempts = v.attempt, last_status = v.last_status, last_error = v.last_error,
      lease_until = null, delivered_at = v.delivered_at, next_attempt_at = coalesce(now() + make_interval(secs => v.retry_s), d.next_attempt_at)
    from (values ${values}) as v(id, status, attempt, last_status, last_error, delivered_at, retry_s)
    where d.tenant_id = ${scope.tenantId} and d.id = v.id
    returning d.id`)
  // A delivery whose endpoint was removed while its request was out has nothing left to log it under.
  const still = new Set(rowsOf<{ id: string }>(updated).map(r => r.id))
  const logged = sent.filter(s => still.has(s.delivery.id))
  if (logged.length) {
    await scope.tx.insert(webhookAttempts).values(scope.values(webhookAttempts, logged.map(s => ({
      deliveryId: s.delivery.id, attempt: s.attempt, requestHeaders: s.headers, requestBody: s.body, responseStatus: s.status,
      responseBody: s.responseBody, error: s.error, durationMs: s.durationMs, startedAt: s.startedAt,
    }))))
  }
  const retries = outcomes.filter(o => o.retryIn !== null && still.has(o.s.delivery.id)).map(o => o.retryIn!)
  return retries.length ? Math.min(...retries) : null
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
  const origin = tenant.primaryHost ? `https://${tenant.primaryHost}` : ''
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
  const fresh: Claimed[] = []
  for (;;) {
    const out = await runInTenant(tenantId, scope => fanOut(scope, enabled))
    summary.dispatched += out.events
    fresh.push(...out.fresh)
    if (out.events < BATCH) break
  }
  await runInTenant(tenantId, scope => Promise.all([
    scope.tx.delete(domainEvents).where(scope.where(domainEvents, lt(domainEvents.occurredAt, sql`now() - make_interval(days => ${EVENT_RETENTION_DAYS})`))),
    scope.tx.delete(inboundWebhooks).where(scope.where(inboundWebhooks, lt(inboundWebhooks.receivedAt, sql`now() - make_interval(days => ${EVENT_RETENTION_DAYS})`))),
  ]))
  if (!enabled) return summary
  let soonest: number | null = null
  for (;;) {
    // What this run just fanned out first (already leased to it), then whatever else is due.
    const claimed = fresh.length ? fresh.splice(0, BATCH) : await runInTenant(tenantId, claimDue)
    if (!claimed.length) break
    const [events, endpoints] = await runInTenant(tenantId, scope => Promise.all([
      scope.tx.select().from(domainEvents).where(scope.where(domainEvents, inArray(domainEvents.id, [...new Set(claimed.map(c => c.eventId))]))),
      scope.tx.select().from(webhookEndpoints).where(scope.where(webhookEndpoints, inArray(webhookEndpoints.id, [...new Set(claimed.map(c => c.endpointId))]))),
    ]))
    const eventById = new Map(events.map(e => [e.id, e]))
    const endpointById = new Map(endpoints.map((ep) => {
      const secrets = [openSecret(ep.secret)]
      if (ep.previousSecret && ep.previousSecretExpiresAt && ep.previousSecretExpiresAt.getTime() > Date.now()) secrets.push(openSecret(ep.previousSecret))
      return [ep.id, { url: ep.url, secrets }]
    }))
    const sent: Sent[] = []
    for (let i = 0; i < claimed.length; i += PARALLEL) {
      sent.push(...await Promise.all(claimed.slice(i, i + PARALLEL).map((delivery) => {
        const event = eventById.get(delivery.eventId)!
        const endpoint = endpointById.get(delivery.endpointId)!
        const envelope: EventEnvelope = { id: event.id, type: event.type, version: event.version, timestamp: event.occurredAt.toISOString(), data: event.data }
        return send(delivery, envelope, endpoint.url, endpoint.secrets)
      })))
    }
    const disabled = await runInTenant(tenantId, async (scope) => {
      const retryIn = await record(scope, sent)
      if (retryIn !== null) soonest = soonest === null ? retryIn : Math.min(soonest, retryIn)
      return settleEndpoints(scope, sent)
    })
    summary.delivered += sent.filter(s => s.ok).length
    summary.failed += sent.filter(s => !s.ok).length
    summary.disabled += disabled.length
    if (disabled.length) {
      await runInTenant(tenantId, scope => tellAdmins(scope, tenant, disabled))
    }
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
  const db = await useDb()
  const owed = await db.transaction(tx => scanTenants<boolean>(tx as never, sql`select id from tenants where deleted_at is null and status = 'active'`, `(select case when
    exists (select 1 from domain_events where tenant_id = tid and dispatched_at is null and occurred_at < now() - interval '10 seconds')
    or exists (select 1 from webhook_deliveries where tenant_id = tid and status = 'pending' and next_attempt_at <= now() and (lease_until is null or lease_until < now()))
    then 'true'::jsonb end)`))
  if (queueRun) for (const tenantId of owed.keys()) await queueRun(tenantId)
  return { tenants: owed.size }
}
