import { z } from 'zod'
import { somethingToChange, versionSchema } from './common'
import { BULK_MAX_IDS, LEAD_SOURCES, LEAD_STATUSES, PRIORITIES, RECORD_TYPES, TASK_STATUSES, TICKET_CHANNELS, TICKET_STATUSES } from '../records'
import type { RecordType } from '../records'
import { WORKSPACE_CURRENCIES } from './workspace'
import { optEmail, optPhone, optWebsite } from './contact-points'

// Bodies of the records API, shared by the server's routes and the pages' forms.

/** Optional text: trimmed, at most `max` characters; an empty field is stored as null. */
const optText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`)
  .transform(v => v || null).nullable().optional()
const reqText = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`)
const ref = (what: string) => z.uuid(`must be ${what} id`).nullable().optional()
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, `must be one of ${values.join(', ')}`)

/** Values of tenant-defined fields, checked against their definitions on the server. */
export const customValuesSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'is not a field key'),
  z.union([z.string().max(1000, 'must be at most 1000 characters'), z.number().finite(), z.null()]),
)

const common = {
  ownerId: z.uuid('must be a member id').nullable().optional(),
  custom: customValuesSchema.optional(),
}

const accountFields = {
  name: reqText(200),
  domain: optWebsite(),
  industry: optText(80),
  phone: optPhone(),
  city: optText(80),
  country: optText(80),
  employees: z.int('must be a whole number').min(0, 'must be 0 or more').max(10_000_000, 'is too large').nullable().optional(),
}

const personFields = {
  firstName: reqText(100),
  lastName: reqText(100),
  email: optEmail(),
  phone: optPhone(),
}

const contactFields = { ...personFields, jobTitle: optText(120), accountId: ref('an account') }

const leadFields = {
  ...personFields,
  company: optText(200),
  // "converted" is reached only through conversion, which creates the account, contact and deal.
  status: oneOf(LEAD_STATUSES.filter(s => s !== 'converted') as ['new', 'contacted', 'qualified', 'lost']).optional(),
  source: oneOf(LEAD_SOURCES).nullable().optional(),
  lostReason: optText(300),
}

const dealFields = {
  name: reqText(200),
  accountId: ref('an account'),
  contactId: ref('a contact'),
  pipelineId: z.uuid('must be a pipeline id').optional(),
  stageId: z.uuid('must be a stage id').optional(),
  /** Minor units (cents); a whole number. */
  amountMinor: z.int('must be a whole number of cents').min(0, 'must be 0 or more').max(Number.MAX_SAFE_INTEGER, 'is too large').optional(),
  currency: oneOf(WORKSPACE_CURRENCIES).optional(),
  expectedCloseDate: z.iso.date('must be a date (YYYY-MM-DD)').nullable().optional(),
  source: oneOf(LEAD_SOURCES).nullable().optional(),
  lostReason: optText(300),
}

const taskFields = {
  title: reqText(200),
  description: optText(5000),
  status: oneOf(TASK_STATUSES).optional(),
  priority: oneOf(PRIORITIES).optional(),
  dueAt: z.iso.datetime({ offset: true, message: 'must be a date and time (ISO 8601)' }).nullable().optional(),
  relatedType: oneOf(['accounts', 'contacts', 'leads', 'deals', 'tickets'] as const).nullable().optional(),
  relatedId: z.uuid('must be a record id').nullable().optional(),
}

const ticketFields = {
  subject: reqText(200),
  description: optText(10_000),
  status: oneOf(TICKET_STATUSES).optional(),
  priority: oneOf(PRIORITIES).optional(),
  channel: oneOf(TICKET_CHANNELS).nullable().optional(),
  accountId: ref('an account'),
  contactId: ref('a contact'),
}

const FIELDS = {
  accounts: accountFields,
  contacts: contactFields,
  leads: leadFields,
  deals: dealFields,
  tasks: taskFields,
  tickets: ticketFields,
} as const

const relatedBoth = (v: { relatedType?: string | null, relatedId?: string | null }) =>
  (v.relatedType === undefined) === (v.relatedId === undefined) && (v.relatedType == null) === (v.relatedId == null)
const relatedIssue = { message: 'relatedType and relatedId go together', path: ['relatedId'] }

/** Create bodies: required fields required, unknown fields refused. */
export const recordCreateSchemas = {
  accounts: z.object({ ...accountFields, ...common }).strict(),
  contacts: z.object({ ...contactFields, ...common }).strict(),
  leads: z.object({ ...leadFields, ...common }).strict(),
  deals: z.object({ ...dealFields, ...common }).strict(),
  tasks: z.object({ ...taskFields, ...common }).strict().refine(relatedBoth, relatedIssue),
  tickets: z.object({ ...ticketFields, ...common }).strict(),
} satisfies Record<RecordType, z.ZodType>

const version = versionSchema

function patchOf<T extends z.ZodRawShape>(fields: T) {
  return somethingToChange(z.object({ ...fields, ...common }).partial().extend({ version }).strict())
}

/** Update bodies: any subset of fields plus the `version` the editor read (409 when it moved on). */
export const recordPatchSchemas = {
  accounts: patchOf(FIELDS.accounts),
  contacts: patchOf(FIELDS.contacts),
  leads: patchOf(FIELDS.leads),
  deals: patchOf(FIELDS.deals),
  tasks: patchOf(FIELDS.tasks).refine(relatedBoth, relatedIssue),
  tickets: patchOf(FIELDS.tickets),
} satisfies Record<RecordType, z.ZodType>

export type RecordCreate<T extends RecordType> = z.infer<typeof recordCreateSchemas[T]>
export type RecordPatch<T extends RecordType> = z.infer<typeof recordPatchSchemas[T]>

export const recordTypeParamsSchema = z.object({ type: z.enum(RECORD_TYPES, 'is not a record type') })
export const recordParamsSchema = recordTypeParamsSchema.extend({ id: z.uuid('must be a record id') })

/** Bulk actions on up to BULK_MAX_IDS records of one type. */
export const recordBulkSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('assign'), ids: z.array(z.uuid('must be a record id')).min(1).max(BULK_MAX_IDS), ownerId: z.uuid('must be a member id').nullable() }).strict(),
  z.object({ action: z.literal('status'), ids: z.array(z.uuid('must be a record id')).min(1).max(BULK_MAX_IDS), status: z.string().min(1).max(40) }).strict(),
  z.object({ action: z.literal('delete'), ids: z.array(z.uuid('must be a record id')).min(1).max(BULK_MAX_IDS) }).strict(),
  z.object({ action: z.literal('restore'), ids: z.array(z.uuid('must be a record id')).min(1).max(BULK_MAX_IDS) }).strict(),
], 'must be assign, status, delete or restore')
export type RecordBulk = z.infer<typeof recordBulkSchema>

/** What people log on a record's timeline by hand; the rest is written automatically. */
export const activityCreateSchema = z.object({
  kind: z.enum(['note', 'call', 'email', 'meeting'], 'must be note, call, email or meeting'),
  body: z.string().trim().min(1, 'is required').max(10_000, 'must be at most 10000 characters'),
  occurredAt: z.iso.datetime({ offset: true, message: 'must be a date and time (ISO 8601)' }).optional(),
}).strict()

export const activityQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
}).strict()

/** The list query's fixed keys; filters are checked against the catalogue on the server. */
export const listBaseQuerySchema = z.object({
  sort: z.string().max(60).optional(),
  dir: z.enum(['asc', 'desc'], 'must be asc or desc').optional(),
  limit: z.coerce.number('must be a number').int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').default(50),
  cursor: z.string().max(500).optional(),
  q: z.string().trim().max(200).optional(),
  columns: z.string().max(1000).optional(),
  deleted: z.enum(['true', 'false'], 'must be true or false').optional(),
})

/** A custom field as tenant admins define it (Settings → Fields). */
export const customFieldCreateSchema = z.object({
  recordType: z.enum(RECORD_TYPES, 'is not a record type'),
  key: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be 2–40 lower-case letters, digits or underscores, starting with a letter').optional(),
  label: reqText(60),
  type: z.enum(['text', 'number', 'date', 'select'], 'must be text, number, date or select'),
  options: z.array(z.string().trim().min(1).max(60)).max(50).default([]).transform(o => [...new Set(o)]),
  required: z.boolean().default(false),
}).strict().refine(v => v.type !== 'select' || v.options.length > 0, { message: 'a select field needs options', path: ['options'] })

export const customFieldPatchSchema = somethingToChange(z.object({
  label: reqText(60).optional(),
  options: z.array(z.string().trim().min(1).max(60)).max(50).transform(o => [...new Set(o)]).optional(),
  required: z.boolean().optional(),
  position: z.int().min(0).max(1000).optional(),
}).strict())

export const customFieldParamsSchema = z.object({ id: z.uuid('must be a field id') })
export const customFieldQuerySchema = z.object({ recordType: z.enum(RECORD_TYPES, 'is not a record type').optional() }).strict()

/** A saved list view: the list's query string, under a name. */
export const savedViewCreateSchema = z.object({
  recordType: z.enum(RECORD_TYPES, 'is not a record type'),
  name: reqText(60),
  query: z.record(z.string().max(60), z.string().max(1000)).refine(q => Object.keys(q).length <= 40, 'has too many keys'),
}).strict()
export const savedViewQuerySchema = z.object({ recordType: z.enum(RECORD_TYPES, 'is not a record type') }).strict()
export const savedViewParamsSchema = z.object({ id: z.uuid('must be a view id') })

export interface CustomFieldDef {
  id: string
  recordType: RecordType
  key: string
  label: string
  type: 'text' | 'number' | 'date' | 'select'
  options: string[]
  required: boolean
  position: number
}

/** A record as the API returns it: its columns, plus what pages show beside them. */
export interface RecordRow {
  id: string
  title: string
  version: number
  owner: { id: string, name: string } | null
  custom: Record<string, string | number | null>
  /** Display names of the records its reference fields point at (accountId → { id, title }). */
  refs: Record<string, { id: string, title: string } | null>
  deletedAt: string | null
  createdAt: string
  updatedAt: string
  /** Single reads only (not lists): see ConversionLinks. */
  convertedInto?: RecordLink[]
  convertedFrom?: RecordLink[]
  [field: string]: unknown
}

/** A link to a record, as a page shows it. */
export interface RecordLink { type: RecordType, id: string, title: string }

/**
 * Where a lead conversion led, on one record's read (GET /api/records/:type/:id): a converted
 * lead's account, contact and deal; the leads an account, contact or deal was made from. Only
 * what the reader may open is named.
 */
export interface ConversionLinks {
  convertedInto: RecordLink[]
  convertedFrom: RecordLink[]
}

export interface RecordList {
  items: RecordRow[]
  nextCursor: string | null
  total: number
  /** More than `total` match; counting stops there. */
  totalCapped: boolean
}
