import { z } from 'zod'
import { RECORD_TYPES, RECORDS } from '#shared/records'
import type { FieldDef, RecordType } from '#shared/records'
import { customFieldQuerySchema, listBaseQuerySchema, recordCreateSchemas, recordPatchSchemas } from '#shared/schemas/records'
import { auditFilterFields, rangeInOrder } from '#shared/schemas/audit'
import { dashboardParamsSchema } from '#shared/schemas/dashboards'
import { webhookCreateSchema, webhookDeliveryParamsSchema, webhookParamsSchema, webhookReplaySchema, webhookUpdateSchema } from '#shared/schemas/webhooks'
import { dateRangeSchema } from '#shared/analytics'
import type { Permission } from '#shared/permissions'
import type { FeatureKey } from '#shared/features'

/**
 * The public REST API v1: every operation once, with the zod schemas its handler validates with
 * and the shape it answers. Handlers read their input through `v1Input(event, '<METHOD> <path>')`
 * (server/utils/v1.ts), and the OpenAPI document (./document.ts) is generated from this same list,
 * so the two cannot drift apart; tests/unit/openapi.test.ts checks every route file against it.
 *
 * v1 is a stable contract: a field is added here, never renamed or removed. Answers are
 * projections (./present.ts) of what the services return, so a new column inside the app does not
 * appear in v1 until it is added here.
 */

export type V1Method = 'get' | 'post' | 'patch' | 'delete'

export interface V1Operation {
  operationId: string
  summary: string
  description?: string
  tag: string
  /** What the caller needs: a permission, or '' for any signed-in caller. */
  permission: Permission | ''
  /** The module the operation belongs to (404 when the workspace's plan lacks it). */
  feature?: FeatureKey
  params?: z.ZodObject
  query?: z.ZodType
  body?: z.ZodType
  /** The answer's status on success and its body (null: 204 without one). */
  status: 200 | 201 | 202 | 204
  response: z.ZodType | null
  /** Error statuses besides 400/401/403/429, which every operation may answer. */
  errors?: number[]
  /** POSTs accept an Idempotency-Key. */
  idempotent?: boolean
}

export interface V1Route {
  method: V1Method
  /** Path under /api/v1, OpenAPI style (`/records/{type}/{id}`); `{type}` is expanded per record type. */
  path: string
  op: (type: RecordType) => V1Operation
}

// --- shared pieces --------------------------------------------------------------------------

const isoTime = z.string().meta({ format: 'date-time' })
const uuid = z.uuid()

/** One page of a list and where the next begins (null on the last page). */
export const pageOf = <T extends z.ZodType>(item: T, id: string) => z.object({
  items: z.array(item),
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
}).meta({ id })

/** The `limit` and `cursor` every list takes. */
export const pagingQuery = {
  limit: z.coerce.number('must be a number').int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(25)
    .meta({ description: 'Items per page (1–100).' }),
  cursor: z.string().max(500).optional().meta({ description: 'The `nextCursor` of the previous page.' }),
}

export const errorSchema = z.object({
  statusCode: z.int(),
  statusMessage: z.string(),
  message: z.string().meta({ description: 'For people: what went wrong, naming the first invalid field.' }),
  data: z.object({
    code: z.string().meta({ description: 'For programs: a stable code such as VALIDATION_FAILED, NOT_FOUND, STALE, FORBIDDEN.' }),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
}).meta({ id: 'Error', description: 'The one error contract of every route.' })

const person = z.object({ id: uuid, name: z.string() })

// --- records --------------------------------------------------------------------------------

const SINGULAR: Record<RecordType, string> = { accounts: 'Account', contacts: 'Contact', leads: 'Lead', deals: 'Deal', tasks: 'Task', tickets: 'Ticket' }
export const singular = (type: RecordType) => SINGULAR[type]

/** How a catalogue field is written in an answer. */
function fieldSchema(field: FieldDef): z.ZodType {
  const base = (() => {
    switch (field.kind) {
      case 'number': case 'money': return z.int()
      case 'date': return z.string().meta({ format: 'date' })
      case 'datetime': return isoTime
      case 'enum': return field.options ? z.enum(field.options as [string, ...string[]]) : z.string()
      case 'user': case 'ref': return uuid
      default: return z.string()
    }
  })()
  return base.nullable().meta({ description: field.label + (field.kind === 'money' ? ' (minor units: cents)' : '') })
}

/** The fields of a record type that v1 answers with: the catalogue's, in its order. */
export const recordFieldKeys = (type: RecordType) => Object.keys(RECORDS[type].fields)

const recordSchemas = new Map<RecordType, z.ZodType>()
/** A record as v1 answers it: its catalogue fields, custom values, owner and reference names. */
export function recordSchema(type: RecordType): z.ZodType {
  let schema = recordSchemas.get(type)
  if (!schema) {
    const fields = RECORDS[type].fields as Record<string, FieldDef>
    schema = z.object({
      id: uuid,
      title: z.string().meta({ description: 'How the record is named in lists and links.' }),
      version: z.int().meta({ description: 'Send it back in an update: a newer version answers 409 STALE.' }),
      ...Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, fieldSchema(field)])),
      owner: person.nullable().meta({ description: `The ${RECORDS[type].ownerLabel.toLowerCase()} and their name.` }),
      custom: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).meta({ description: 'Values of the workspace\'s custom fields, by key (GET /custom-fields).' }),
      refs: z.record(z.string(), z.object({ id: uuid, title: z.string() }).nullable()).meta({ description: 'Names of the records its reference fields point at, by field.' }),
      deletedAt: isoTime.nullable(),
    }).meta({ id: singular(type) })
    recordSchemas.set(type, schema)
  }
  return schema
}

/** The list's query: paging, sort, search, and the type's filters from the catalogue. */
export function recordListQuery(type: RecordType) {
  const fields = RECORDS[type].fields as Record<string, FieldDef>
  const sortable = Object.keys(fields).filter(k => fields[k]!.sortable) as [string, ...string[]]
  const filters: Record<string, z.ZodType> = {}
  for (const [key, field] of Object.entries(fields)) {
    if (field.filter === 'eq') filters[key] = z.string().max(1000).optional().meta({ description: `${field.label}: one value or a comma-separated list.` })
    if (field.filter === 'range') {
      filters[`${key}From`] = z.string().max(40).optional().meta({ description: `${field.label} from (inclusive).` })
      filters[`${key}To`] = z.string().max(40).optional().meta({ description: `${field.label} to (inclusive).` })
    }
  }
  if (type === 'tickets') filters.breached = z.enum(['true', 'false']).optional().meta({ description: 'Only tickets past (or within) their SLA.' })
  return z.looseObject({
    ...pagingQuery,
    limit: listBaseQuerySchema.shape.limit.meta({ description: 'Items per page (1–200).' }),
    sort: z.enum(sortable, `must be one of ${sortable.join(', ')}`).optional(),
    dir: listBaseQuerySchema.shape.dir,
    q: listBaseQuerySchema.shape.q.meta({ description: 'Words the title contains.' }),
    deleted: listBaseQuerySchema.shape.deleted.meta({ description: '`true` lists the deleted records (restorable for 30 days).' }),
    ...filters,
  }).meta({ description: 'Custom fields filter as `cf.<key>` (and `cf.<key>From`/`To` for numbers and dates).' })
}

const recordParams = z.object({ type: z.enum(RECORD_TYPES, 'is not a record type') })
const recordIdParams = recordParams.extend({ id: z.uuid('must be a record id') })
const access = (type: RecordType, what: 'read' | 'write' | 'delete') => `${RECORDS[type].resource}:${what}` as Permission
const feature = (type: RecordType) => RECORDS[type].feature

// --- other resources ------------------------------------------------------------------------

export const customFieldSchema = z.object({
  id: uuid,
  recordType: z.enum(RECORD_TYPES),
  key: z.string(),
  label: z.string(),
  type: z.enum(['text', 'number', 'date', 'select']),
  options: z.array(z.string()),
  required: z.boolean(),
  position: z.int(),
}).meta({ id: 'CustomField' })

export const memberSchema = z.object({
  id: uuid,
  email: z.string(),
  name: z.string(),
  role: z.object({ key: z.string(), name: z.string() }),
  status: z.enum(['invited', 'active', 'deactivated']),
  lastActiveAt: isoTime.nullable(),
  createdAt: isoTime,
  teams: z.array(z.object({ id: uuid, name: z.string() })),
}).meta({ id: 'Member' })

export const teamSchema = z.object({ id: uuid, name: z.string(), parentId: uuid.nullable(), members: z.int() }).meta({ id: 'Team' })

const widgetSchema = z.object({
  id: z.string(),
  title: z.string(),
  chart: z.string(),
  query: z.record(z.string(), z.unknown()).optional().meta({ description: 'The metric, breakdown and filters it shows (without a date range); absent on a report widget.' }),
  report: z.object({ id: uuid, rows: z.int() }).optional().meta({ description: 'The saved report it shows (its own filters; the date range does not apply), and how many rows; absent on a metric widget.' }),
  layout: z.object({ x: z.int(), y: z.int(), w: z.int(), h: z.int() }),
})

export const dashboardSummarySchema = z.object({
  id: uuid,
  name: z.string(),
  description: z.string().nullable(),
  ownerId: uuid.nullable(),
  ownerName: z.string().nullable(),
  sharedRoleKeys: z.array(z.string()).meta({ description: 'Roles whose members may open it.' }),
  widgetCount: z.int(),
  version: z.int(),
  updatedAt: isoTime,
}).meta({ id: 'DashboardSummary' })

export const dashboardSchema = dashboardSummarySchema.extend({ widgets: z.array(widgetSchema) }).meta({ id: 'Dashboard' })

const widgetAnswer = z.object({
  widgetId: z.string(),
  metric: z.string(),
  format: z.string(),
  total: z.number().nullable(),
  previous: z.number().nullable(),
  change: z.number().nullable(),
  categories: z.array(z.object({
    key: z.string(),
    label: z.string(),
    drill: z.record(z.string(), z.string()).optional().meta({ description: 'The list filters that show this category\'s records.' }),
  })),
  series: z.array(z.object({ key: z.string(), label: z.string(), values: z.array(z.number().nullable()) })),
  revision: z.string().meta({ description: 'The revision of the data it was computed from.' }),
})
const widgetRefused = z.object({ widgetId: z.string(), error: z.object({ code: z.string(), message: z.string() }) })
const widgetReport = z.object({ widgetId: z.string(), report: z.object({ id: uuid, rows: z.int() }).meta({ description: 'The saved report this widget shows; its rows are the report\'s, not the range\'s.' }) })

export const dashboardDataSchema = z.object({
  range: z.object({ from: z.string().meta({ format: 'date' }), to: z.string().meta({ format: 'date' }) }),
  widgets: z.array(z.union([widgetAnswer, widgetRefused, widgetReport])).meta({ description: 'One answer per widget, in the dashboard\'s order; a widget over data the caller may not read answers an error instead, and one showing a saved report names the report.' }),
}).meta({ id: 'DashboardData' })

export const dashboardDataQuery = z.object({
  from: z.string().optional().meta({ description: 'First day (YYYY-MM-DD) in the workspace\'s time zone; default 30 days before `to`.' }),
  to: z.string().optional().meta({ description: 'Last day (YYYY-MM-DD); default today.' }),
}).strict()

export const auditEntrySchema = z.object({
  id: uuid,
  createdAt: isoTime,
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable().meta({ description: 'The values before the change (secrets hidden).' }),
  after: z.record(z.string(), z.unknown()).nullable().meta({ description: 'The values after it (secrets hidden).' }),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  impersonatedBy: z.string().nullable(),
}).meta({ id: 'AuditEntry' })

export const auditListQuery = auditFilterFields.omit({ page: true, pageSize: true }).extend(pagingQuery).strict().refine(...rangeInOrder)

export const webhookEndpointSchema = z.object({
  id: uuid,
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(z.string()),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  failingSince: isoTime.nullable(),
  previousSecretExpiresAt: isoTime.nullable(),
  createdAt: isoTime,
  recent: z.object({ delivered: z.int(), failed: z.int(), pending: z.int() }).meta({ description: 'Deliveries of the last 24 hours by outcome.' }),
}).meta({ id: 'WebhookEndpoint' })

const createdEndpoint = webhookEndpointSchema.extend({ secret: z.string().meta({ description: 'The signing secret (`whsec_…`); also readable later by an admin.' }) }).meta({ id: 'WebhookEndpointCreated' })

export const webhookDeliverySchema = z.object({
  id: uuid,
  eventId: uuid,
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.int(),
  nextAttemptAt: isoTime.nullable(),
  lastStatus: z.int().nullable().meta({ description: 'The HTTP status of the last attempt.' }),
  lastError: z.string().nullable().meta({ description: 'Why the last attempt failed (timeout, refused, …).' }),
  deliveredAt: isoTime.nullable(),
  createdAt: isoTime,
}).meta({ id: 'WebhookDelivery' })

const deliveriesQuery = z.object({ status: z.enum(['pending', 'delivered', 'failed']).optional(), ...pagingQuery }).strict()

const eventTypeSchema = z.object({ type: z.string(), version: z.int(), label: z.string(), group: z.string(), permission: z.string() }).meta({ id: 'EventType' })

export const meSchema = z.object({
  kind: z.enum(['user', 'api_key']),
  id: uuid,
  name: z.string(),
  workspace: z.object({ id: uuid, slug: z.string(), name: z.string() }),
  permissions: z.array(z.string()),
}).meta({ id: 'Me' })

// --- the routes -----------------------------------------------------------------------------

const fixed = (op: V1Operation) => () => op

/** Every v1 route, keyed as handlers name them: `<METHOD> <path>`. */
export const V1_ROUTES = {
  'GET /me': { method: 'get', path: '/me', op: fixed({
    operationId: 'getMe', tag: 'Workspace', summary: 'Who is calling', permission: '',
    description: 'The API key (or signed-in person) making the request, its workspace and its permissions.',
    status: 200, response: meSchema,
  }) },

  'GET /records/{type}': { method: 'get', path: '/records/{type}', op: type => ({
    operationId: `list${RECORDS[type].label}`, tag: RECORDS[type].label, summary: `List ${RECORDS[type].label.toLowerCase()}`,
    description: 'One page at a time, newest or as sorted; only the records the caller\'s role may see.',
    permission: access(type, 'read'), feature: feature(type), params: recordParams, query: recordListQuery(type),
    status: 200, response: z.object({
      items: z.array(recordSchema(type)),
      nextCursor: z.string().nullable(),
      total: z.int().meta({ description: 'How many records match (counted up to 10,000).' }),
      totalCapped: z.boolean().meta({ description: 'More than `total` match.' }),
    }).meta({ id: `${singular(type)}Page` }),
  }) },
  'POST /records/{type}': { method: 'post', path: '/records/{type}', op: type => ({
    operationId: `create${singular(type)}`, tag: RECORDS[type].label, summary: `Create ${singular(type).toLowerCase() === 'account' ? 'an' : 'a'} ${singular(type).toLowerCase()}`,
    permission: access(type, 'write'), feature: feature(type), params: recordParams, body: recordCreateSchemas[type],
    status: 201, response: recordSchema(type), idempotent: true, errors: [404],
  }) },
  'GET /records/{type}/{id}': { method: 'get', path: '/records/{type}/{id}', op: type => ({
    operationId: `get${singular(type)}`, tag: RECORDS[type].label, summary: `Read one ${singular(type).toLowerCase()}`,
    permission: access(type, 'read'), feature: feature(type), params: recordIdParams,
    status: 200, response: recordSchema(type), errors: [404],
  }) },
  'PATCH /records/{type}/{id}': { method: 'patch', path: '/records/{type}/{id}', op: type => ({
    operationId: `update${singular(type)}`, tag: RECORDS[type].label, summary: `Update ${singular(type) === 'Account' ? 'an' : 'a'} ${singular(type).toLowerCase()}`,
    description: 'Send only the fields to change, with the `version` you read: when someone changed it since, the answer is 409 STALE and nothing is written.',
    permission: access(type, 'write'), feature: feature(type), params: recordIdParams, body: recordPatchSchemas[type],
    status: 200, response: recordSchema(type), errors: [404, 409],
  }) },
  'DELETE /records/{type}/{id}': { method: 'delete', path: '/records/{type}/{id}', op: type => ({
    operationId: `delete${singular(type)}`, tag: RECORDS[type].label, summary: `Delete ${singular(type) === 'Account' ? 'an' : 'a'} ${singular(type).toLowerCase()}`,
    description: 'Moves it to the deleted records, restorable for 30 days.',
    permission: access(type, 'delete'), feature: feature(type), params: recordIdParams,
    status: 204, response: null, errors: [404],
  }) },

  'POST /records/{type}/{id}/restore': { method: 'post', path: '/records/{type}/{id}/restore', op: type => ({
    operationId: `restore${singular(type)}`, tag: RECORDS[type].label, summary: `Restore a deleted ${singular(type).toLowerCase()}`,
    description: 'Brings back a record deleted in the last 30 days (`GET /records/{type}?deleted=true` lists them).',
    permission: access(type, 'delete'), feature: feature(type), params: recordIdParams,
    status: 200, response: recordSchema(type), errors: [404], idempotent: true,
  }) },

  'GET /custom-fields': { method: 'get', path: '/custom-fields', op: fixed({
    operationId: 'listCustomFields', tag: 'Custom fields', summary: 'List custom fields',
    description: 'The workspace\'s own fields: their keys are the keys of a record\'s `custom` object.',
    permission: '', query: customFieldQuerySchema, status: 200, response: z.object({ items: z.array(customFieldSchema) }),
  }) },

  'GET /members': { method: 'get', path: '/members', op: fixed({
    operationId: 'listMembers', tag: 'Members', summary: 'List members', permission: 'members:read',
    query: z.object({
      search: z.string().trim().max(200).optional().meta({ description: 'Words of the name or email.' }),
      role: z.string().trim().max(64).optional().meta({ description: 'A role key.' }),
      status: z.enum(['invited', 'active', 'deactivated']).optional(),
      ...pagingQuery,
    }).strict(),
    status: 200, response: pageOf(memberSchema, 'MemberPage'),
  }) },
  'GET /teams': { method: 'get', path: '/teams', op: fixed({
    operationId: 'listTeams', tag: 'Members', summary: 'List teams', permission: 'teams:read',
    status: 200, response: z.object({ items: z.array(teamSchema) }),
  }) },

  'GET /dashboards': { method: 'get', path: '/dashboards', op: fixed({
    operationId: 'listDashboards', tag: 'Dashboards', summary: 'List dashboards', permission: 'dashboard:read', feature: 'dashboards',
    description: 'The custom dashboards the caller may open: their own and those shared with their role.',
    status: 200, response: z.object({ items: z.array(dashboardSummarySchema) }),
  }) },
  'GET /dashboards/{id}': { method: 'get', path: '/dashboards/{id}', op: fixed({
    operationId: 'getDashboard', tag: 'Dashboards', summary: 'Read a dashboard', permission: 'dashboard:read', feature: 'dashboards',
    params: dashboardParamsSchema, status: 200, response: dashboardSchema, errors: [404],
  }) },
  'GET /dashboards/{id}/data': { method: 'get', path: '/dashboards/{id}/data', op: fixed({
    operationId: 'getDashboardData', tag: 'Dashboards', summary: 'Numbers of a dashboard\'s widgets',
    description: 'Every widget\'s answer over a date range, computed as the dashboard page shows it, for what the caller may see.',
    permission: 'dashboard:read', feature: 'dashboards', params: dashboardParamsSchema, query: dashboardDataQuery,
    status: 200, response: dashboardDataSchema, errors: [404],
  }) },

  'GET /audit-log': { method: 'get', path: '/audit-log', op: fixed({
    operationId: 'listAuditLog', tag: 'Audit', summary: 'Read the audit log', permission: 'audit:read',
    description: 'Newest first. The cursor is a position in time, so entries written while paging never repeat or shift a page.',
    query: auditListQuery, status: 200, response: pageOf(auditEntrySchema, 'AuditPage'),
  }) },

  'GET /webhooks': { method: 'get', path: '/webhooks', op: fixed({
    operationId: 'listWebhookEndpoints', tag: 'Webhooks', summary: 'List webhook endpoints', permission: 'webhooks:admin', feature: 'webhooks',
    status: 200, response: z.object({ items: z.array(webhookEndpointSchema) }),
  }) },
  'POST /webhooks': { method: 'post', path: '/webhooks', op: fixed({
    operationId: 'createWebhookEndpoint', tag: 'Webhooks', summary: 'Add a webhook endpoint', permission: 'webhooks:admin', feature: 'webhooks',
    description: 'The URL must be public https (no private, loopback or link-local address). The answer holds the signing secret.',
    body: webhookCreateSchema, status: 201, response: createdEndpoint, idempotent: true,
  }) },
  'GET /webhooks/event-types': { method: 'get', path: '/webhooks/event-types', op: fixed({
    operationId: 'listWebhookEventTypes', tag: 'Webhooks', summary: 'List event types', permission: 'webhooks:admin', feature: 'webhooks',
    status: 200, response: z.object({ items: z.array(eventTypeSchema) }),
  }) },
  'GET /webhooks/{id}': { method: 'get', path: '/webhooks/{id}', op: fixed({
    operationId: 'getWebhookEndpoint', tag: 'Webhooks', summary: 'Read a webhook endpoint', permission: 'webhooks:admin', feature: 'webhooks',
    params: webhookParamsSchema, status: 200, response: webhookEndpointSchema, errors: [404],
  }) },
  'PATCH /webhooks/{id}': { method: 'patch', path: '/webhooks/{id}', op: fixed({
    operationId: 'updateWebhookEndpoint', tag: 'Webhooks', summary: 'Change a webhook endpoint', permission: 'webhooks:admin', feature: 'webhooks',
    description: 'Any of its fields; `enabled: true` switches a disabled endpoint back on.',
    params: webhookParamsSchema, body: webhookUpdateSchema, status: 200, response: webhookEndpointSchema, errors: [404],
  }) },
  'DELETE /webhooks/{id}': { method: 'delete', path: '/webhooks/{id}', op: fixed({
    operationId: 'deleteWebhookEndpoint', tag: 'Webhooks', summary: 'Remove a webhook endpoint', permission: 'webhooks:admin', feature: 'webhooks',
    params: webhookParamsSchema, status: 204, response: null, errors: [404],
  }) },
  'GET /webhooks/{id}/deliveries': { method: 'get', path: '/webhooks/{id}/deliveries', op: fixed({
    operationId: 'listWebhookDeliveries', tag: 'Webhooks', summary: 'List an endpoint\'s deliveries', permission: 'webhooks:admin', feature: 'webhooks',
    params: webhookParamsSchema, query: deliveriesQuery, status: 200, response: pageOf(webhookDeliverySchema, 'WebhookDeliveryPage'), errors: [404],
  }) },
  'POST /webhooks/{id}/replay': { method: 'post', path: '/webhooks/{id}/replay', op: fixed({
    operationId: 'replayFailedWebhookDeliveries', tag: 'Webhooks', summary: 'Send failed deliveries again',
    description: 'Every failed delivery of the endpoint since a moment (at most 30 days back) is sent again.',
    permission: 'webhooks:admin', feature: 'webhooks', params: webhookParamsSchema, body: webhookReplaySchema,
    status: 202, response: z.object({ replayed: z.int() }), errors: [404], idempotent: true,
  }) },
  'POST /webhooks/{id}/deliveries/{deliveryId}/replay': { method: 'post', path: '/webhooks/{id}/deliveries/{deliveryId}/replay', op: fixed({
    operationId: 'replayWebhookDelivery', tag: 'Webhooks', summary: 'Send one delivery again', permission: 'webhooks:admin', feature: 'webhooks',
    params: webhookDeliveryParamsSchema, status: 202, response: webhookDeliverySchema, errors: [404], idempotent: true,
  }) },
} satisfies Record<string, V1Route>

export type V1Key = keyof typeof V1_ROUTES

/** The path a route answers on for one record type (`/records/{type}` → `/records/deals`). */
export function expandedPath(route: V1Route, type: RecordType): string {
  return route.path.replace('{type}', type)
}

/** The record types a route is documented for: all six for record routes, one pass otherwise. */
export function variantsOf(route: V1Route): readonly RecordType[] {
  return route.path.includes('{type}') ? RECORD_TYPES : [RECORD_TYPES[0]]
}

export { dateRangeSchema }
