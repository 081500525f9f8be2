import { sql } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { bigint, boolean, customType, date, foreignKey, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { tenantId, tenantRowId, timestamps } from './columns'
import { tenants } from './platform'

// The staff workspace's records: CRM (accounts, contacts, leads, deals with pipelines), tasks,
// tickets, their activity timeline, custom fields, saved views and the search index. All are
// tenant tables (RLS in 0024). Owner and assignee columns point at users through foreign keys
// written in SQL (`ON DELETE SET NULL (owner_id)` keeps tenant_id when a member is removed),
// which drizzle cannot express. Every list index leads with tenant_id and ends with id, so
// keyset pagination walks an index.

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

export const leadStatus = pgEnum('lead_status', ['new', 'contacted', 'qualified', 'converted', 'lost'])
export const dealStatus = pgEnum('deal_status', ['open', 'won', 'lost'])
export const stageKind = pgEnum('stage_kind', ['open', 'won', 'lost'])
export const recordPriority = pgEnum('record_priority', ['low', 'normal', 'high', 'urgent'])
export const taskStatus = pgEnum('task_status', ['open', 'done'])
export const ticketStatus = pgEnum('ticket_status', ['new', 'open', 'pending', 'resolved', 'closed'])
export const activityKind = pgEnum('activity_kind', ['note', 'call', 'email', 'meeting', 'created', 'status_change', 'stage_change', 'assigned', 'converted'])
export const customFieldType = pgEnum('custom_field_type', ['text', 'number', 'date', 'select'])

/** What every record has: an owner, tenant-defined fields, a version for stale-edit checks, soft delete for undo. */
const recordColumns = () => ({
  ownerId: uuid('owner_id'),
  custom: jsonb('custom').$type<Record<string, string | number | null>>().notNull().default({}),
  /** Bumped by every update; a PATCH names the version it read and gets 409 when it moved on. */
  version: integer('version').notNull().default(1),
  /** Set by delete; the row is restorable until the purge job removes it. */
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
  createdBy: uuid('created_by'),
  ...timestamps,
})

const tenantFk = (t: { tenantId: AnyPgColumn }) =>
  foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade')

export const accounts = pgTable('accounts', {
  tenantId: tenantId(),
  id: tenantRowId(),
  name: text('name').notNull(),
  domain: text('domain'),
  industry: text('industry'),
  phone: text('phone'),
  city: text('city'),
  country: text('country'),
  employees: integer('employees'),
  ...recordColumns(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  tenantFk(t),
  index('accounts_tenant_name_idx').on(t.tenantId, t.name, t.id),
  index('accounts_tenant_created_idx').on(t.tenantId, t.createdAt, t.id),
  index('accounts_tenant_updated_idx').on(t.tenantId, t.updatedAt, t.id),
  index('accounts_tenant_owner_idx').on(t.tenantId, t.ownerId),
])

export const contacts = pgTable('contacts', {
  tenantId: tenantId(),
  id: tenantRowId(),
  accountId: uuid('account_id'),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  email: text('email'),
  phone: text('phone'),
  jobTitle: text('job_title'),
  ...recordColumns(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  tenantFk(t),
  foreignKey({ columns: [t.tenantId, t.accountId], foreignColumns: [accounts.tenantId, accounts.id] }),
  index('contacts_tenant_name_idx').on(t.tenantId, t.lastName, t.firstName, t.id),
  index('contacts_tenant_created_idx').on(t.tenantId, t.createdAt, t.id),
  index('contacts_tenant_updated_idx').on(t.tenantId, t.updatedAt, t.id),
  index('contacts_tenant_account_idx').on(t.tenantId, t.accountId),
  index('contacts_tenant_owner_idx').on(t.tenantId, t.ownerId),
  index('contacts_tenant_email_idx').on(t.tenantId, t.email),
])

export const leads = pgTable('leads', {
  tenantId: tenantId(),
  id: tenantRowId(),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  company: text('company'),
  email: text('email'),
  phone: text('phone'),
  status: leadStatus('status').notNull().default('new'),
  source: text('source'),
  lostReason: text('lost_reason'),
  convertedAt: timestamp('converted_at', { withTimezone: true }),
  convertedAccountId: uuid('converted_account_id'),
  convertedContactId: uuid('converted_contact_id'),
  convertedDealId: uuid('converted_deal_id'),
  ...recordColumns(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  tenantFk(t),
  index('leads_tenant_created_idx').on(t.tenantId, t.createdAt, t.id),
  index('leads_tenant_updated_idx').on(t.tenantId, t.updatedAt, t.id),
  index('leads_tenant_name_idx').on(t.tenantId, t.lastName, t.firstName, t.id),
  index('leads_tenant_status_idx').on(t.tenantId, t.status, t.createdAt),
  index('leads_tenant_owner_idx').on(t.tenantId, t.ownerId),
  // "Converted from" on an account, contact or deal page: the few leads that became it.
  index('leads_tenant_converted_account_idx').on(t.tenantId, t.convertedAccountId).where(sql`${t.convertedAccountId} is not null`),
  index('leads_tenant_converted_contact_idx').on(t.tenantId, t.convertedContactId).where(sql`${t.convertedContactId} is not null`),
  index('leads_tenant_converted_deal_idx').on(t.tenantId, t.convertedDealId).where(sql`${t.convertedDealId} is not null`),
])

/** A tenant's sales pipelines; each has ordered stages, and one is the default for new deals. */
export const pipelines = pgTable('pipelines', {
  tenantId: tenantId(),
  id: tenantRowId(),
  name: text('name').notNull(),
  position: integer('position').notNull().default(0),
  isDefault: boolean('is_default').notNull().default(false),
  ...timestamps,
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  tenantFk(t),
  uniqueIndex('pipelines_tenant_name_uq').on(t.tenantId, t.name),
])

/** A pipeline's stages in order; `probability` (0–100) weights forecasts; won/lost stages close a deal. */
export const pipelineStages = pgTable('pipeline_stages', {
  tenantId: tenantId(),
  id: tenantRowId(),
  pipelineId: uuid('pipeline_id').notNull(),
  name: text('name').notNull(),
  position: integer('position').notNull(),
  probability: smallint('probability').notNull().default(0),
  kind: stageKind('kind').notNull().default('open'),
  ...timestamps,
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ columns: [t.tenantId, t.pipelineId], foreignColumns: [pipelines.tenantId, pipelines.id] }).onDelete('cascade'),
  // Target of deals' (tenant, pipeline, stage) key: a deal's stage always belongs to its pipeline.
  unique('pipeline_stages_tenant_pipeline_id_uq').on(t.tenantId, t.pipelineId, t.id),
  index('pipeline_stages_tenant_pipeline_pos_idx').on(t.tenantId, t.pipelineId, t.position),
])

export const deals = pgTable('deals', {
  tenantId: tenantId(),
  id: tenantRowId(),
  name: text('name').notNull(),
  accountId: uuid('account_id'),
  contactId: uuid('contact_id'),
  pipelineId: uuid('pipeline_id').notNull(),
  stageId: uuid('stage_id').notNull(),
  /** Integer minor units (cents) in `currency`; never a float. */
  amountMinor: bigint('amount_minor', { mode: 'number' }).notNull().default(0),
  currency: text('currency').notNull().default('USD'),
  expectedCloseDate: date('expected_close_date'),
  source: text('source'),
  status: dealStatus('status').notNull().default('open'),
  lostReason: text('lost_reason'),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  stageChangedAt: timestamp('stage_changed_at', { withTimezone: true }).notNull().defaultNow(),
  ...recordColumns(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  tenantFk(t),
  foreignKey({ columns: [t.tenantId, t.accountId], foreignColumns: [accounts.tenantId, accounts.id] }),
  foreignKey({ columns: [t.tenantId, t.contactId], foreignColumns: [contacts.tenantId, contacts.id] }),
  foreignKey({ columns: [t.tenantId, t.pipelineId, t.stageId], foreignColumns: [pipelineStages.tenantId, pipelineStages.pipelineId, pipelineStages.id] }),
  index('deals_tenant_created_idx').on(t.tenantId, t.createdAt, t.id),
  index('deals_tenant_updated_idx').on(t.tenantId, t.updatedAt, t.id),
  index('deals_tenant_name_idx').on(t.tenantId, t.name, t.id),
  index('deals_tenant_stage_idx').on(t.tenantId, t.pipelineId, t.stageId, t.status),
  index('deals_tenant_status_close_idx').on(t.tenantId, t.status, t.expectedCloseDate),
  index('deals_tenant_closed_idx').on(t.tenantId, t.closedAt),
  index('deals_tenant_owner_idx').on(t.tenantId, t.ownerId),
  index('deals_tenant_account_idx').on(t.tenantId, t.accountId),
  index('deals_tenant_contact_idx').on(t.tenantId, t.contactId),
])

export const tasks = pgTable('tasks', {
  tenantId: tenantId(),
  id: tenantRowId(),
  title: text('title').notNull(),
  description: text('description'),
  status: taskStatus('status').notNull().default('open'),
  priority: recordPriority('priority').notNull().default('normal'),
  dueAt: timestamp('due_at', { withTimezone: true }),
  /** The record the task is about (type from the record catalogue), if any. */
  relatedType: text('related_type'),
  relatedId: uuid('related_id'),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  ...recordColumns(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  tenantFk(t),
  index('tasks_tenant_created_idx').on(t.tenantId, t.createdAt, t.id),
  index('tasks_tenant_updated_idx').on(t.tenantId, t.updatedAt, t.id),
  index('tasks_tenant_due_idx').on(t.tenantId, t.dueAt, t.id),
  index('tasks_tenant_owner_status_idx').on(t.tenantId, t.ownerId, t.status, t.dueAt),
  index('tasks_tenant_related_idx').on(t.tenantId, t.relatedType, t.relatedId),
])

export const tickets = pgTable('tickets', {
  tenantId: tenantId(),
  id: tenantRowId(),
  subject: text('subject').notNull(),
  description: text('description'),
  status: ticketStatus('status').notNull().default('new'),
  priority: recordPriority('priority').notNull().default('normal'),
  channel: text('channel'),
  accountId: uuid('account_id'),
  contactId: uuid('contact_id'),
  /** When the ticket must be resolved: priority's SLA hours counted in the tenant's working hours. */
  slaDueAt: timestamp('sla_due_at', { withTimezone: true }),
  /** When the SLA sweep found it past `slaDueAt` unresolved and sent `ticket.sla_breached` (once per due time). */
  slaBreachedAt: timestamp('sla_breached_at', { withTimezone: true }),
  firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  ...recordColumns(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  tenantFk(t),
  foreignKey({ columns: [t.tenantId, t.accountId], foreignColumns: [accounts.tenantId, accounts.id] }),
  foreignKey({ columns: [t.tenantId, t.contactId], foreignColumns: [contacts.tenantId, contacts.id] }),
  index('tickets_tenant_created_idx').on(t.tenantId, t.createdAt, t.id),
  index('tickets_tenant_updated_idx').on(t.tenantId, t.updatedAt, t.id),
  index('tickets_tenant_status_idx').on(t.tenantId, t.status, t.priority),
  index('tickets_tenant_sla_idx').on(t.tenantId, t.slaDueAt, t.id),
  // The SLA sweep's candidates: open tickets whose breach has not been announced yet.
  index('tickets_sla_watch_idx').on(t.tenantId, t.slaDueAt).where(sql`sla_breached_at is null and deleted_at is null and status not in ('resolved', 'closed')`),
  index('tickets_tenant_owner_idx').on(t.tenantId, t.ownerId, t.status),
  index('tickets_tenant_account_idx').on(t.tenantId, t.accountId),
  index('tickets_tenant_contact_idx').on(t.tenantId, t.contactId),
])

/** The timeline of every record: logged notes, calls, emails and meetings, and automatic entries. */
export const activities = pgTable('activities', {
  tenantId: tenantId(),
  id: tenantRowId(),
  recordType: text('record_type').notNull(),
  recordId: uuid('record_id').notNull(),
  kind: activityKind('kind').notNull(),
  body: text('body'),
  /** Automatic entries' details, e.g. { from, to } of a stage change. */
  meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
  actorId: uuid('actor_id'),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  tenantFk(t),
  index('activities_tenant_record_idx').on(t.tenantId, t.recordType, t.recordId, t.occurredAt),
  index('activities_tenant_occurred_idx').on(t.tenantId, t.occurredAt),
])

/** Fields tenant admins add to a record type; values live in the record's `custom` JSON under `key`. */
export const customFields = pgTable('custom_fields', {
  tenantId: tenantId(),
  id: tenantRowId(),
  recordType: text('record_type').notNull(),
  key: text('key').notNull(),
  label: text('label').notNull(),
  type: customFieldType('type').notNull(),
  options: text('options').array().notNull().default(sql`'{}'::text[]`),
  required: boolean('required').notNull().default(false),
  position: integer('position').notNull().default(0),
  ...timestamps,
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  tenantFk(t),
  uniqueIndex('custom_fields_tenant_type_key_uq').on(t.tenantId, t.recordType, t.key),
])

/** A person's named list views: the list's query string (filters, sort, columns), per record type. */
export const savedViews = pgTable('saved_views', {
  tenantId: tenantId(),
  id: tenantRowId(),
  userId: uuid('user_id').notNull(),
  recordType: text('record_type').notNull(),
  name: text('name').notNull(),
  query: jsonb('query').$type<Record<string, string>>().notNull(),
  ...timestamps,
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  tenantFk(t),
  uniqueIndex('saved_views_tenant_user_type_name_uq').on(t.tenantId, t.userId, t.recordType, t.name),
])

/**
 * One row per live record, kept by triggers (0024): what search ranks and facets on. The GIN
 * index leads with tenant_id (btree_gin), so a search reads only its tenant's postings.
 */
export const searchIndex = pgTable('search_index', {
  tenantId: tenantId(),
  recordType: text('record_type').notNull(),
  recordId: uuid('record_id').notNull(),
  title: text('title').notNull(),
  subtitle: text('subtitle'),
  status: text('status'),
  ownerId: uuid('owner_id'),
  document: tsvector('document').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.recordType, t.recordId] }),
  tenantFk(t),
  index('search_index_tenant_document_idx').using('gin', t.tenantId, t.document),
])

export type Account = typeof accounts.$inferSelect
export type Contact = typeof contacts.$inferSelect
export type Lead = typeof leads.$inferSelect
export type Deal = typeof deals.$inferSelect
export type Pipeline = typeof pipelines.$inferSelect
export type PipelineStage = typeof pipelineStages.$inferSelect
export type Task = typeof tasks.$inferSelect
export type Ticket = typeof tickets.$inferSelect
export type Activity = typeof activities.$inferSelect
export type CustomField = typeof customFields.$inferSelect
export type SavedView = typeof savedViews.$inferSelect
