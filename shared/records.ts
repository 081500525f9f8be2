import type { FeatureKey } from './features'
import type { Resource } from './permissions'

/**
 * The one catalogue of the staff workspace's record types. The server builds list queries,
 * filters and sorts from it (server/services/records/), pages build columns, filters and forms
 * from it. A field's key is the Drizzle property of its column, so nothing maps names twice.
 */
export const RECORD_TYPES = ['accounts', 'contacts', 'leads', 'deals', 'tasks', 'tickets'] as const
export type RecordType = typeof RECORD_TYPES[number]

export const RECORD_SCOPES = ['all', 'team', 'own'] as const
export type RecordScope = typeof RECORD_SCOPES[number]

export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'converted', 'lost'] as const
export const DEAL_STATUSES = ['open', 'won', 'lost'] as const
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const
export const TASK_STATUSES = ['open', 'done'] as const
export const TICKET_STATUSES = ['new', 'open', 'pending', 'resolved', 'closed'] as const
export const LEAD_SOURCES = ['website', 'referral', 'event', 'outbound', 'partner', 'advertising', 'other'] as const
export const TICKET_CHANNELS = ['email', 'phone', 'web', 'chat'] as const

/**
 * How a field is stored, shown and filtered:
 * text/email/url/phone/longtext — strings (longtext is never a list column; url is a website kept
 * as its bare domain, phone a number as typed — both checked in shared/schemas/contact-points.ts);
 * number — integer;
 * money — integer minor units; date — YYYY-MM-DD; datetime — ISO time;
 * enum — one of `options`; user — a member id; ref — the id of a record of type `ref`.
 */
export type FieldKind = 'text' | 'email' | 'url' | 'phone' | 'longtext' | 'number' | 'money' | 'date' | 'datetime' | 'enum' | 'user' | 'ref'

export interface FieldDef {
  label: string
  kind: FieldKind
  options?: readonly string[]
  ref?: RecordType | 'pipelines' | 'stages'
  /** Accepted in `sort=`. */
  sortable?: boolean
  /** Accepted as a filter: `eq` (one value or a comma list) or `range` (`<key>From` / `<key>To`). */
  filter?: 'eq' | 'range'
  /** Shown as a list column when no columns are chosen. */
  column?: boolean
  /** Set by the server only (timestamps, SLA, conversion); never in a create or update body. */
  readOnly?: boolean
}

export interface RecordTypeDef {
  label: string
  singular: string
  icon: string
  /** The module that holds it: off means 404 everywhere and gone from search. */
  feature: FeatureKey
  /** Its permission resource: `<resource>:read`, `:write`, `:delete`, `:export`. */
  resource: Resource
  /** What "owner" is called for this type (tasks and tickets have an assignee). */
  ownerLabel: string
  /** Fields that make a record's title, in order. */
  title: readonly string[]
  defaultSort: { field: string, dir: 'asc' | 'desc' }
  fields: Record<string, FieldDef>
}

const owner = (label: string): FieldDef => ({ label, kind: 'user', filter: 'eq', column: true })
const stamps = {
  createdAt: { label: 'Created', kind: 'datetime', sortable: true, filter: 'range', readOnly: true },
  updatedAt: { label: 'Updated', kind: 'datetime', sortable: true, filter: 'range', readOnly: true, column: true },
} as const satisfies Record<string, FieldDef>

export const RECORDS = {
  accounts: {
    label: 'Accounts', singular: 'Account', icon: 'i-lucide-building-2', feature: 'crm', resource: 'accounts', ownerLabel: 'Owner',
    title: ['name'], defaultSort: { field: 'name', dir: 'asc' },
    fields: {
      name: { label: 'Name', kind: 'text', sortable: true, column: true },
      domain: { label: 'Website', kind: 'url', column: true },
      industry: { label: 'Industry', kind: 'text', filter: 'eq', sortable: true, column: true },
      phone: { label: 'Phone', kind: 'phone' },
      city: { label: 'City', kind: 'text', filter: 'eq', sortable: true },
      country: { label: 'Country', kind: 'text', filter: 'eq', sortable: true, column: true },
      employees: { label: 'Employees', kind: 'number', filter: 'range', sortable: true },
      ownerId: owner('Owner'),
      ...stamps,
    },
  },
  contacts: {
    label: 'Contacts', singular: 'Contact', icon: 'i-lucide-contact', feature: 'crm', resource: 'contacts', ownerLabel: 'Owner',
    title: ['firstName', 'lastName'], defaultSort: { field: 'lastName', dir: 'asc' },
    fields: {
      firstName: { label: 'First name', kind: 'text', sortable: true, column: true },
      lastName: { label: 'Last name', kind: 'text', sortable: true, column: true },
      email: { label: 'Email', kind: 'email', filter: 'eq', column: true },
      phone: { label: 'Phone', kind: 'phone' },
      jobTitle: { label: 'Job title', kind: 'text', column: true },
      accountId: { label: 'Account', kind: 'ref', ref: 'accounts', filter: 'eq', column: true },
      ownerId: owner('Owner'),
      ...stamps,
    },
  },
  leads: {
    label: 'Leads', singular: 'Lead', icon: 'i-lucide-user-plus', feature: 'crm', resource: 'leads', ownerLabel: 'Owner',
    title: ['firstName', 'lastName'], defaultSort: { field: 'createdAt', dir: 'desc' },
    fields: {
      firstName: { label: 'First name', kind: 'text', sortable: true, column: true },
      lastName: { label: 'Last name', kind: 'text', sortable: true, column: true },
      company: { label: 'Company', kind: 'text', sortable: true, column: true },
      email: { label: 'Email', kind: 'email', filter: 'eq' },
      phone: { label: 'Phone', kind: 'phone' },
      status: { label: 'Status', kind: 'enum', options: LEAD_STATUSES, filter: 'eq', sortable: true, column: true },
      source: { label: 'Source', kind: 'enum', options: LEAD_SOURCES, filter: 'eq', sortable: true, column: true },
      lostReason: { label: 'Lost reason', kind: 'text' },
      ownerId: owner('Owner'),
      convertedAt: { label: 'Converted', kind: 'datetime', filter: 'range', sortable: true, readOnly: true },
      ...stamps,
    },
  },
  deals: {
    label: 'Deals', singular: 'Deal', icon: 'i-lucide-handshake', feature: 'crm', resource: 'deals', ownerLabel: 'Owner',
    title: ['name'], defaultSort: { field: 'createdAt', dir: 'desc' },
    fields: {
      name: { label: 'Name', kind: 'text', sortable: true, column: true },
      accountId: { label: 'Account', kind: 'ref', ref: 'accounts', filter: 'eq', column: true },
      contactId: { label: 'Contact', kind: 'ref', ref: 'contacts', filter: 'eq' },
      pipelineId: { label: 'Pipeline', kind: 'ref', ref: 'pipelines', filter: 'eq' },
      stageId: { label: 'Stage', kind: 'ref', ref: 'stages', filter: 'eq', column: true },
      amountMinor: { label: 'Amount', kind: 'money', filter: 'range', sortable: true, column: true },
      currency: { label: 'Currency', kind: 'text' },
      expectedCloseDate: { label: 'Expected close', kind: 'date', filter: 'range', sortable: true, column: true },
      source: { label: 'Source', kind: 'enum', options: LEAD_SOURCES, filter: 'eq', sortable: true },
      status: { label: 'Status', kind: 'enum', options: DEAL_STATUSES, filter: 'eq', sortable: true, column: true },
      lostReason: { label: 'Lost reason', kind: 'text' },
      closedAt: { label: 'Closed', kind: 'datetime', filter: 'range', sortable: true, readOnly: true },
      ownerId: owner('Owner'),
      ...stamps,
    },
  },
  tasks: {
    label: 'Tasks', singular: 'Task', icon: 'i-lucide-list-checks', feature: 'tasks', resource: 'tasks', ownerLabel: 'Assignee',
    title: ['title'], defaultSort: { field: 'dueAt', dir: 'asc' },
    fields: {
      title: { label: 'Title', kind: 'text', sortable: true, column: true },
      description: { label: 'Description', kind: 'longtext' },
      status: { label: 'Status', kind: 'enum', options: TASK_STATUSES, filter: 'eq', sortable: true, column: true },
      priority: { label: 'Priority', kind: 'enum', options: PRIORITIES, filter: 'eq', sortable: true, column: true },
      dueAt: { label: 'Due', kind: 'datetime', filter: 'range', sortable: true, column: true },
      relatedType: { label: 'Related type', kind: 'enum', options: ['accounts', 'contacts', 'leads', 'deals', 'tickets'], filter: 'eq' },
      relatedId: { label: 'Related record', kind: 'text' },
      completedAt: { label: 'Completed', kind: 'datetime', filter: 'range', sortable: true, readOnly: true },
      ownerId: owner('Assignee'),
      ...stamps,
    },
  },
  tickets: {
    label: 'Tickets', singular: 'Ticket', icon: 'i-lucide-life-buoy', feature: 'tickets', resource: 'tickets', ownerLabel: 'Assignee',
    title: ['subject'], defaultSort: { field: 'createdAt', dir: 'desc' },
    fields: {
      subject: { label: 'Subject', kind: 'text', sortable: true, column: true },
      description: { label: 'Description', kind: 'longtext' },
      status: { label: 'Status', kind: 'enum', options: TICKET_STATUSES, filter: 'eq', sortable: true, column: true },
      priority: { label: 'Priority', kind: 'enum', options: PRIORITIES, filter: 'eq', sortable: true, column: true },
      channel: { label: 'Channel', kind: 'enum', options: TICKET_CHANNELS, filter: 'eq' },
      accountId: { label: 'Account', kind: 'ref', ref: 'accounts', filter: 'eq' },
      contactId: { label: 'Contact', kind: 'ref', ref: 'contacts', filter: 'eq', column: true },
      slaDueAt: { label: 'SLA due', kind: 'datetime', filter: 'range', sortable: true, readOnly: true, column: true },
      slaBreachedAt: { label: 'SLA breached', kind: 'datetime', readOnly: true },
      firstResponseAt: { label: 'First response', kind: 'datetime', readOnly: true },
      resolvedAt: { label: 'Resolved', kind: 'datetime', filter: 'range', sortable: true, readOnly: true },
      ownerId: owner('Assignee'),
      ...stamps,
    },
  },
} as const satisfies Record<RecordType, RecordTypeDef>

export function isRecordType(value: string): value is RecordType {
  return (RECORD_TYPES as readonly string[]).includes(value)
}

/** List paging: default and maximum page size. */
export const LIST_PAGE_SIZE = 50
export const LIST_MAX_PAGE_SIZE = 200

/** Bulk actions take at most this many ids at once. */
export const BULK_MAX_IDS = 500

/** A record's display title from its title fields. */
export function recordTitle(type: RecordType, row: Record<string, unknown>): string {
  return RECORDS[type].title.map(k => row[k]).filter(Boolean).join(' ') || '(untitled)'
}
