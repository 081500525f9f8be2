import { desc, eq, isNull, sql } from 'drizzle-orm'
import { leads } from '#drizzle/schema'
import type { RecordType } from '#shared/records'
import type { LeadConversion, LeadConvert } from '#shared/schemas/pipelines'
import type { ConversionLinks, RecordLink } from '#shared/schemas/records'
import type { TenantScope } from '#server/utils/tenant-db'
import { addActivities } from './records/activities'
import { findRecord, titleSql } from './records/read'
import { RECORD_TABLES } from './records/registry'
import type { Row } from './records/registry'
import type { RecordActor } from './records/visibility'
import { visibleTo } from './records/visibility'
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
  await scope.emit('lead.converted', meta)
  return { leadId: id, accountId, contactId: contact.id, dealId }
}

/** The lead column that names what a conversion made of each type. */
const MADE = { accounts: leads.convertedAccountId, contacts: leads.convertedContactId, deals: leads.convertedDealId } as const
const MADE_KEYS = { accounts: 'convertedAccountId', contacts: 'convertedContactId', deals: 'convertedDealId' } as const

/**
 * A conversion seen from either end, for one record's page: what a converted lead became (its
 * account, contact and deal), or the leads an account, contact or deal was made from (newest
 * first; an existing account may take several). Only records the actor may read (`readable`
 * types, their role's visibility) and that are not deleted are named.
 */
export async function conversionLinks(scope: TenantScope, actor: RecordActor, type: RecordType, row: Row, readable: readonly RecordType[]): Promise<ConversionLinks> {
  const links: ConversionLinks = { convertedInto: [], convertedFrom: [] }
  if (type === 'leads') {
    // Asked together: on one transaction's connection the statements travel in one round trip.
    const found = await Promise.all((['accounts', 'contacts', 'deals'] as const).map(async (target) => {
      const id = row[MADE_KEYS[target]] as string | null
      if (!id || !readable.includes(target)) return null
      const table = RECORD_TABLES[target]
      const [hit] = await scope.tx.select({ id: table.id, title: titleSql(target) }).from(table)
        .where(scope.where(table, eq(table.id, id), isNull(table.deletedAt), visibleTo(scope, actor, table.ownerId))).limit(1)
      return hit ? { type: target, id: hit.id as string, title: hit.title } : null
    }))
    links.convertedInto = found.filter(link => link !== null)
  }
  else if (type in MADE && readable.includes('leads')) {
    const found = await scope.tx.select({ id: leads.id, title: titleSql('leads') }).from(leads)
      .where(scope.where(leads, eq(MADE[type as keyof typeof MADE], row.id), isNull(leads.deletedAt), visibleTo(scope, actor, leads.ownerId)))
      .orderBy(desc(leads.convertedAt)).limit(5)
    links.convertedFrom = found.map((l): RecordLink => ({ type: 'leads', id: l.id, title: l.title }))
  }
  return links
}
