import { eq, sql } from 'drizzle-orm'
import { leads } from '#drizzle/schema'
import type { LeadConversion, LeadConvert } from '#shared/schemas/pipelines'
import type { TenantScope } from '#server/utils/tenant-db'
import { addActivities } from './records/activities'
import { findRecord } from './records/read'
import type { RecordActor } from './records/visibility'
import { createRecord } from './records/write'

/**
 * Converts a lead: the account (new, or an existing one), the contact and optionally the deal are
 * created through the records engine (custom fields, references, hooks and plan limits apply),
 * the lead becomes `converted` and points at them, and each gets a `converted` timeline entry.
 * It all runs in the caller's one transaction: any refusal on the way leaves nothing behind.
 * One audit entry (`leads.converted`) names everything the conversion made.
 */
export async function convertLead(scope: TenantScope, actor: RecordActor, id: string, input: LeadConvert): Promise<LeadConversion> {
  const lead = await findRecord(scope, actor, 'leads', id, { lock: true })
  if (lead.status === 'converted') throw apiError(409, 'CONFLICT', 'This lead is already converted')
  if (lead.status === 'lost') throw apiError(409, 'CONFLICT', 'This lead is lost: reopen it before converting')
  const person = `${lead.firstName as string} ${lead.lastName as string}`
  const ownerId = lead.ownerId ?? actor.userId

  let accountId: string
  let accountName: string
  let accountCreated = false
  if (input.existingAccountId) {
    try {
      const account = await findRecord(scope, actor, 'accounts', input.existingAccountId)
      accountId = account.id
      accountName = account.name as string
    }
    catch {
      throw apiError(400, 'VALIDATION_FAILED', 'Invalid body: existingAccountId is not an account of this workspace', [{ path: 'existingAccountId', message: 'is not an account of this workspace' }])
    }
  }
  else {
    accountName = input.accountName ?? (lead.company as string | null) ?? person
    const account = await createRecord(scope, actor, 'accounts', { name: accountName, ownerId }, { audit: false })
    accountId = account.id
    accountCreated = true
  }

  const contact = await createRecord(scope, actor, 'contacts', {
    firstName: lead.firstName, lastName: lead.lastName, email: lead.email ?? null, phone: lead.phone ?? null, accountId, ownerId,
  }, { audit: false })

  let dealId: string | null = null
  if (input.createDeal) {
    const deal = await createRecord(scope, actor, 'deals', {
      name: input.dealName ?? `${accountName} deal`,
      accountId,
      contactId: contact.id,
      ...(input.amountMinor !== undefined ? { amountMinor: input.amountMinor } : {}),
      ...(input.pipelineId ? { pipelineId: input.pipelineId } : {}),
      ...(input.stageId ? { stageId: input.stageId } : {}),
      source: lead.source ?? null,
      ownerId,
    }, { audit: false })
    dealId = deal.id
  }

  const convertedAt = new Date()
  await scope.tx.update(leads).set({
    status: 'converted', convertedAt, convertedAccountId: accountId, convertedContactId: contact.id, convertedDealId: dealId, lostReason: null,
    version: sql`${leads.version} + 1`,
  }).where(scope.where(leads, eq(leads.id, id)))

  const meta = { leadId: id, accountId, contactId: contact.id, dealId }
  await addActivities(scope, [
    { recordType: 'leads', recordId: id, kind: 'converted', meta, actorId: actor.userId, occurredAt: convertedAt },
    { recordType: 'leads', recordId: id, kind: 'status_change', meta: { from: lead.status, to: 'converted' }, actorId: actor.userId, occurredAt: convertedAt },
    { recordType: 'accounts', recordId: accountId, kind: 'converted', meta: { ...meta, created: accountCreated }, actorId: actor.userId, occurredAt: convertedAt },
    { recordType: 'contacts', recordId: contact.id, kind: 'converted', meta, actorId: actor.userId, occurredAt: convertedAt },
    ...(dealId ? [{ recordType: 'deals' as const, recordId: dealId, kind: 'converted' as const, meta, actorId: actor.userId, occurredAt: convertedAt }] : []),
  ])
  await scope.audit({
    action: 'leads.converted', entityType: 'leads', entityId: id,
    before: { status: lead.status },
    after: { status: 'converted', accountId, accountCreated, contactId: contact.id, dealId },
  })
  return { leadId: id, accountId, contactId: contact.id, dealId }
}
