import { sql } from 'drizzle-orm'
import { tickets } from '#drizzle/schema'
import { presentRows } from '#server/services/crm/records/read'
import type { Row } from '#server/services/crm/records/registry'
import type { RecordActor } from '#server/utils/record-access'
import { activeTenantsWhere } from '#server/utils/tenant-scan'

/**
 * Tickets past their SLA due time and still open are announced once, as `ticket.sla_breached`:
 * the sweep marks each one (`sla_breached_at`) and emits its event in the same transaction, so a
 * retried or overlapping sweep finds nothing left to announce. A changed priority sets a new due
 * time and re-arms it (hooks/tickets.ts).
 *
 * Only breaches of the last day are announced: a ticket that breached long before this feature
 * existed, or while the platform was stopped for more than a day, is not news any more.
 */
const LOOKBACK = sql`interval '1 day'`
/** Tickets one tenant's sweep announces at most; the rest wait for the next minute. */
const BATCH = 500

/** Sees every ticket (the sweep acts for no one); names resolve as an admin would see them. */
const SYSTEM: RecordActor = { userId: '00000000-0000-0000-0000-000000000000', recordScope: 'all' }

const due = sql`sla_breached_at is null and deleted_at is null and status not in ('resolved', 'closed')
  and sla_due_at <= now() and sla_due_at > now() - ${LOOKBACK}`

/** Every minute: each active tenant with the tickets module and a fresh breach gets its events. */
export async function sweepSlaBreaches(): Promise<{ tenants: number, breached: number }> {
  const owed = await activeTenantsWhere(`exists (select 1 from tickets where tenant_id = tid and sla_breached_at is null and deleted_at is null
    and status not in ('resolved', 'closed') and sla_due_at <= now() and sla_due_at > now() - interval '1 day')`)
  let breached = 0
  for (const tenantId of owed) breached += await announceBreaches(tenantId)
  return { tenants: owed.length, breached }
}

/** One tenant's fresh breaches: marked and announced in one transaction; the count announced. */
export async function announceBreaches(tenantId: string): Promise<number> {
  const tenant = await tenantById(tenantId)
  if (!tenant?.features.tickets) return 0
  return runInTenant(tenantId, async (scope) => {
    const marked = await scope.tx.update(tickets).set({ slaBreachedAt: sql`now()` })
      .where(scope.where(tickets, sql`${tickets.id} in (select id from tickets where tenant_id = ${scope.tenantId} and ${due} order by sla_due_at limit ${BATCH} for update skip locked)`))
      .returning() as unknown as Row[]
    if (!marked.length) return 0
    const records = await presentRows(scope, SYSTEM, 'tickets', marked)
    await scope.emit('ticket.sla_breached', ...records.map(record => ({ recordType: 'tickets' as const, record, slaDueAt: new Date(record.slaDueAt as string | Date).toISOString() })))
    return marked.length
  }, { tenant })
}
