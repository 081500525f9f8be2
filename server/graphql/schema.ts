import type { H3Event } from 'h3'
import { GraphQLScalarType, Kind, valueFromASTUntyped } from 'graphql'
import { createSchema } from 'graphql-yoga'
import { z } from 'zod'
import { widgetQuerySchema } from '#shared/analytics'
import type { FieldDef, RecordType } from '#shared/records'
import { LIST_PAGE_SIZE, RECORD_TYPES, RECORDS } from '#shared/records'
import { memberListQuerySchema } from '#shared/schemas/members'
import { listBaseQuerySchema, recordCreateSchemas, recordPatchSchemas } from '#shared/schemas/records'
import type { SavedWidget } from '#shared/schemas/dashboards'
import { isMetricWidget } from '#shared/schemas/dashboards'
import { answerWidgets } from '#server/services/analytics/answer'
import { dashboardViewer, getDashboard, listDashboards } from '#server/services/analytics/dashboards'
import { cachedListPage } from '#server/services/crm/records/page-cache'
import { listRecords, readRecord } from '#server/services/crm/records/read'
import { createRecord, deleteRecord, updateRecord } from '#server/services/crm/records/write'
import { listMembers } from '#server/services/identity/members'
import { listTeamMembers, listTeams } from '#server/services/identity/teams'
import { requireRecordAccess } from '#server/utils/record-access'
import { readRevisions } from '#server/utils/revisions'

// The GraphQL schema (docs/graphql.md): records of the six types, members, teams and dashboards,
// read and written through the same services, guards and zod schemas as the REST routes. Every
// resolver guards itself as the route it mirrors does (module, permission, record scope), so a
// field is refused on its own and the rest of the answer stands. Types of the records are built
// from the catalogue in shared/records.ts, so a field added there appears here too.

export interface GraphqlContext { event: H3Event }
type Args = Record<string, unknown>

/** The catalogue's type names: accounts → Account. */
const TYPE_NAME = Object.fromEntries(RECORD_TYPES.map(t => [t, RECORDS[t].singular])) as Record<RecordType, string>

const GQL_KIND: Record<FieldDef['kind'], string> = {
  text: 'String', email: 'String', url: 'String', phone: 'String', longtext: 'String', enum: 'String', date: 'String',
  // Whole numbers beyond 32 bits (amounts in minor units) do not fit GraphQL's Int.
  number: 'Int', money: 'Float', datetime: 'DateTime', user: 'ID', ref: 'ID',
}

// Fields every record type has (a task's own title is its display title).
const BUILT_IN = new Set(['createdAt', 'updatedAt', 'title'])

const LIST_ARGS = `first: Int = ${LIST_PAGE_SIZE}, after: String, sort: String, dir: SortDirection, q: String, filter: JSON, deleted: Boolean = false`

/** Reference fields to another record type: a contact's accountId → field `account` of type Account. */
const REFS = Object.fromEntries(RECORD_TYPES.map(t => [t, Object.entries(RECORDS[t].fields as Record<string, FieldDef>)
  .filter(([key, f]) => f.kind === 'ref' && (RECORD_TYPES as readonly string[]).includes(f.ref!) && key.endsWith('Id'))
  .map(([key, f]) => ({ key, field: key.slice(0, -2), target: f.ref as RecordType }))])) as Record<RecordType, { key: string, field: string, target: RecordType }[]>

/** The other way round: an account's contacts, deals and tickets (the records whose reference names it). */
const BACKREFS = Object.fromEntries(RECORD_TYPES.map(t => [t, RECORD_TYPES.flatMap(source => REFS[source]
  .filter(r => r.target === t).map(r => ({ field: source, source, key: r.key })))])) as Record<RecordType, { field: RecordType, source: RecordType, key: string }[]>

function recordTypeDefs(type: RecordType): string {
  const name = TYPE_NAME[type]
  const fields = Object.entries(RECORDS[type].fields as Record<string, FieldDef>)
    .filter(([key]) => !BUILT_IN.has(key))
    .map(([key, f]) => `  "${f.label}${f.options ? ` (${f.options.join(', ')})` : ''}"\n  ${key}: ${GQL_KIND[f.kind]}`)
  const writable = Object.keys(recordCreateSchemas[type].shape)
  const inputs = writable.map((key) => {
    const f = (RECORDS[type].fields as Record<string, FieldDef>)[key]
    return `  ${key}: ${key === 'custom' ? 'JSON' : f ? GQL_KIND[f.kind] : 'String'}`
  })
  return `
"${RECORDS[type].singular}: a record of the ${RECORDS[type].label.toLowerCase()} list"
type ${name} {
  id: ID!
  "The record's display title, from its title fields"
  title: String!
  "Send it back with an update: a newer one answers STALE"
  version: Int!
  owner: MemberRef
  "Reference fields' targets by field: { accountId: { id, title } }"
  refs: JSON!
  "The workspace's own fields (Settings → Fields), by key"
  custom: JSON!
  createdAt: DateTime!
  updatedAt: DateTime!
  deletedAt: DateTime
${fields.join('\n')}
${REFS[type].map(r => `  "The ${RECORDS[r.target].singular.toLowerCase()} ${r.key} names; null when there is none or the caller may not see it"\n  ${r.field}: ${TYPE_NAME[r.target]}`).join('\n')}
${BACKREFS[type].map(b => `  "The ${RECORDS[b.source].label.toLowerCase()} whose ${b.key} is this ${RECORDS[type].singular.toLowerCase()} (a page, as the list gives it)"\n  ${b.field}(${LIST_ARGS}): ${TYPE_NAME[b.source]}Connection`).join('\n')}
}

type ${name}Connection {
  items: [${name}!]!
  "Pass as after for the next page; null on the last page"
  nextCursor: String
  "How many match (counting stops at 10,000: then totalCapped is true)"
  total: Int!
  totalCapped: Boolean!
}

"The fields of a ${RECORDS[type].singular.toLowerCase()} one may set; required ones are checked like the REST body"
input ${name}Input {
${inputs.join('\n')}
}

`
}

/** The record type's fields of Query and Mutation. */
function recordRootFields(type: RecordType): { query: string, mutation: string } {
  const name = TYPE_NAME[type]
  const one = name.charAt(0).toLowerCase() + name.slice(1)
  return {
    query: `
  """
  A page of ${type}, as the list shows it (${RECORDS[type].resource}:read). \`filter\` takes the list's
  filter keys: { ownerId: "me" }, { status: ["open", "won"] }, { createdAtFrom: "2026-01-01" }, { "cf.region": "EU" }.
  """
  ${type}(${LIST_ARGS}): ${name}Connection
  "One ${RECORDS[type].singular.toLowerCase()} by id; null with a NOT_FOUND error when it is not there or not visible to the caller"
  ${one}(id: ID!): ${name}`,
    mutation: `
  "Creates a ${RECORDS[type].singular.toLowerCase()} (${RECORDS[type].resource}:write); the caller owns it unless ownerId says otherwise"
  create${name}(input: ${name}Input!): ${name}
  "Changes the fields given; version is the one read (STALE when it moved on)"
  update${name}(id: ID!, version: Int!, input: ${name}Input!): ${name}
  "Deletes softly (${RECORDS[type].resource}:delete): restorable from the app"
  delete${name}(id: ID!): Deleted`,
  }
}

const ROOT_FIELDS = RECORD_TYPES.map(recordRootFields)

const typeDefs = /* GraphQL */ `
"Any JSON value"
scalar JSON
"An instant, as ISO 8601 text"
scalar DateTime

enum SortDirection { asc desc }

type Query {
  "Who is asking: a person or an API key (which acts for the member who created it)"
  viewer: Viewer!
  "Members of the workspace, by name (members:read)"
  members(first: Int = 25, page: Int = 1, search: String, role: String, status: String): MemberConnection
  "All teams (teams:read)"
  teams: [Team!]
  "Custom dashboards the caller may open (dashboard:read)"
  dashboards: [Dashboard!]
  dashboard(id: ID!): Dashboard
${ROOT_FIELDS.map(f => f.query).join('\n')}
}

type Mutation {
${ROOT_FIELDS.map(f => f.mutation).join('\n')}
}

type Viewer {
  "user or api_key"
  kind: String!
  "The member (for a key, the member who created it)"
  userId: ID!
  permissions: [String!]!
  "Which records the role sees: all, team or own"
  recordScope: String!
}

type MemberRef { id: ID!, name: String! }
type Role { key: String!, name: String! }
type TeamRef { id: ID!, name: String! }

type Member {
  id: ID!
  email: String!
  name: String!
  role: Role!
  "invited, active or deactivated"
  status: String!
  lastActiveAt: DateTime
  createdAt: DateTime!
  teams: [TeamRef!]!
}

type MemberConnection { items: [Member!]!, total: Int!, page: Int!, pageSize: Int! }

type Team {
  id: ID!
  name: String!
  parentId: ID
  memberCount: Int!
  members: [TeamMember!]!
}

type TeamMember { id: ID!, name: String!, email: String! }

type Dashboard {
  id: ID!
  name: String!
  description: String
  ownerId: ID
  ownerName: String
  sharedRoleKeys: [String!]!
  widgetCount: Int!
  "The caller may change it (its author, or dashboard:admin)"
  canEdit: Boolean!
  version: Int!
  updatedAt: DateTime!
  widgets: [Widget!]!
}

type Widget {
  id: ID!
  title: String!
  chart: String!
  "The saved query: metric, dimension, series, filters… (null on a widget showing a saved report)"
  query: JSON
  "The saved report it shows: { id, rows } (null on a metric widget)"
  report: JSON
  "Position on the grid: { x, y, w, h }"
  layout: JSON!
  "The widget's numbers over a date range (the workspace's time zone), as the dashboard page shows them; null on a report widget"
  data(range: DateRangeInput!, filters: JSON): WidgetResult
}

input DateRangeInput { from: String!, to: String! }

type WidgetResult {
  metric: String!
  "count, money, percent, hours…"
  format: String!
  total: Float
  previous: Float
  change: Float
  categories: [WidgetCategory!]!
  series: [WidgetSeries!]!
  revision: String!
}

type WidgetCategory { key: String!, label: String!, "List filters that show this category's records" drill: JSON }
type WidgetSeries { key: String!, label: String!, values: [Float]! }

type Deleted { id: ID!, deleted: Boolean! }
${RECORD_TYPES.map(recordTypeDefs).join('\n')}
`

const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: v => v,
  parseValue: v => v,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
})

const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: v => (v instanceof Date ? v.toISOString() : v),
  parseValue: v => v,
  parseLiteral: ast => (ast.kind === Kind.STRING ? ast.value : undefined),
})

const uuid = z.uuid('must be an id')

/** 400 VALIDATION_FAILED naming `path` when `value` is not an id (REST checks its params the same way). */
function idOf(value: unknown, path = 'id'): string {
  const parsed = uuid.safeParse(value)
  if (!parsed.success) throw apiError(400, 'VALIDATION_FAILED', `Invalid argument: ${path} must be an id`, [{ path, message: 'must be an id' }])
  return parsed.data
}

/** The input as a plain object (GraphQL gives prototype-less ones), with text no column can hold refused. */
function plainInput(value: unknown, where: string): Record<string, unknown> {
  const input = JSON.parse(JSON.stringify(value ?? {})) as Record<string, unknown>
  assertStorableText(input, where)
  return input
}

/** Parses with zod; 400 VALIDATION_FAILED naming each field otherwise. */
function parsed<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value)
  if (!result.success) throw validationError(result.error, where)
  return result.data
}

/** The list query a REST client would send for these arguments (filters pass through as text). */
function listQuery(args: Args): Record<string, unknown> {
  const filter = plainInput(args.filter, 'filter')
  if (typeof filter !== 'object' || Array.isArray(filter) || filter === null) {
    throw apiError(400, 'VALIDATION_FAILED', 'Invalid argument: filter must be an object of filter keys', [{ path: 'filter', message: 'must be an object' }])
  }
  const query: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(filter)) {
    if (key in listBaseQuerySchema.shape) {
      throw apiError(400, 'VALIDATION_FAILED', `Invalid argument: filter.${key} is not a filter (use the argument of that name)`, [{ path: `filter.${key}`, message: 'is not a filter' }])
    }
    query[key] = Array.isArray(value) ? value.map(String).join(',') : typeof value === 'object' && value !== null ? value : String(value)
  }
  // Built as GET /api/records/:type's query string would be, so both share cached pages.
  const base: Record<string, unknown> = { limit: String(args.first ?? LIST_PAGE_SIZE) }
  if (args.deleted) base.deleted = 'true'
  if (args.after != null) base.cursor = args.after
  if (args.sort != null) base.sort = args.sort
  if (args.dir != null) base.dir = args.dir
  if (args.q != null) base.q = args.q
  assertStorableText(base, 'argument')
  return { ...query, ...base }
}

/** The REST list's parameter names are this API's argument names: limit → first, cursor → after. */
const ARG_NAMES: Record<string, string> = { limit: 'first', cursor: 'after' }

function renamedIssues<T>(fn: () => Promise<T>): Promise<T> {
  return fn().catch((error: { data?: { issues?: { path: string, message: string }[] }, message?: string }) => {
    for (const issue of error?.data?.issues ?? []) issue.path = ARG_NAMES[issue.path] ?? issue.path
    throw error
  })
}

/** A page of a list, as GET /api/records/:type answers it (guard, record scope, page cache). */
function listPage(event: H3Event, type: RecordType, args: Args, fixed: Record<string, string> = {}) {
  return renamedIssues(async () => {
    requireRecordAccess(event, type, 'read')
    const actor = recordActor(event)
    const query = { ...listQuery(args), ...fixed }
    const page = await cachedListPage(requireTenant(event).id, actor, type, query, known => withTenant(event, scope => listRecords(scope, actor, type, query, known)))
    return JSON.parse(page)
  })
}

/** One record as its REST read answers it; with `missingAsNull`, a record not there (or hidden) is null. */
async function oneRecord(event: H3Event, type: RecordType, rawId: unknown, missingAsNull = false) {
  requireRecordAccess(event, type, 'read')
  const id = idOf(rawId)
  const actor = recordActor(event)
  try {
    return (await withTenant(event, scope => readRecord(scope, actor, type, id))).presented
  }
  catch (error) {
    if (missingAsNull && (error as { data?: { code?: string } }).data?.code === 'NOT_FOUND') return null
    throw error
  }
}

/** The relation fields of a record type: its references and the lists that name it. */
function relationResolvers(type: RecordType) {
  const fields: Record<string, unknown> = {}
  for (const r of REFS[type]) {
    fields[r.field] = (row: Record<string, unknown>, _: Args, { event }: GraphqlContext) => row[r.key] ? oneRecord(event, r.target, row[r.key], true) : null
  }
  for (const b of BACKREFS[type]) {
    fields[b.field] = (row: { id: string }, args: Args, { event }: GraphqlContext) => listPage(event, b.source, args, { [b.key]: row.id })
  }
  return fields
}

function recordResolvers(type: RecordType) {
  const name = TYPE_NAME[type]
  const one = name.charAt(0).toLowerCase() + name.slice(1)
  return {
    Query: {
      [type]: (_: unknown, args: Args, { event }: GraphqlContext) => listPage(event, type, args),
      [one]: (_: unknown, args: Args, { event }: GraphqlContext) => oneRecord(event, type, args.id),
    },
    Mutation: {
      [`create${name}`]: async (_: unknown, args: Args, { event }: GraphqlContext) => {
        requireRecordAccess(event, type, 'write')
        const input = parsed(recordCreateSchemas[type], plainInput(args.input, 'input'), 'input')
        return withTenant(event, scope => createRecord(scope, recordActor(event), type, input))
      },
      [`update${name}`]: async (_: unknown, args: Args, { event }: GraphqlContext) => {
        requireRecordAccess(event, type, 'write')
        const id = idOf(args.id)
        const input = parsed(recordPatchSchemas[type], { ...plainInput(args.input, 'input'), version: args.version }, 'input')
        return withTenant(event, scope => updateRecord(scope, recordActor(event), type, id, input))
      },
      [`delete${name}`]: async (_: unknown, args: Args, { event }: GraphqlContext) => {
        requireRecordAccess(event, type, 'delete')
        const id = idOf(args.id)
        return withTenant(event, scope => deleteRecord(scope, recordActor(event), type, id))
      },
    },
  }
}

/** The dashboards guard, as GET /api/dashboards has it. */
function dashboardsViewer(event: H3Event) {
  requireFeature(event, 'dashboards')
  return dashboardViewer(requirePermission(event, 'dashboard:read'))
}

const records = RECORD_TYPES.map(recordResolvers)

const resolvers = {
  JSON: JSONScalar,
  DateTime: DateTimeScalar,
  Query: {
    ...Object.assign({}, ...records.map(r => r.Query)),
    viewer: (_: unknown, __: Args, { event }: GraphqlContext) => {
      const principal = event.context.principal!
      const actor = recordActor(event)
      return { kind: principal.kind, userId: actor.userId, permissions: principal.permissions, recordScope: actor.recordScope }
    },
    members: (_: unknown, args: Args, { event }: GraphqlContext) => {
      requirePermission(event, 'members:read')
      const q = parsed(memberListQuerySchema, { search: args.search ?? undefined, role: args.role ?? undefined, status: args.status ?? undefined, page: args.page ?? 1, pageSize: args.first ?? 25 }, 'argument')
      return withTenant(event, scope => listMembers(scope, q))
    },
    teams: (_: unknown, __: Args, { event }: GraphqlContext) => {
      requirePermission(event, 'teams:read')
      return withTenant(event, scope => listTeams(scope))
    },
    dashboards: (_: unknown, __: Args, { event }: GraphqlContext) => {
      const viewer = dashboardsViewer(event)
      return withTenant(event, scope => listDashboards(scope, viewer))
    },
    dashboard: (_: unknown, args: Args, { event }: GraphqlContext) => {
      const viewer = dashboardsViewer(event)
      const id = idOf(args.id)
      return withTenant(event, scope => getDashboard(scope, viewer, id))
    },
  },
  Mutation: Object.assign({}, ...records.map(r => r.Mutation)),
  ...Object.fromEntries(RECORD_TYPES.map(t => [TYPE_NAME[t], relationResolvers(t)])),
  Team: {
    memberCount: (team: { members: number }) => team.members,
    members: (team: { id: string }, _: Args, { event }: GraphqlContext) => {
      requirePermission(event, 'teams:read')
      return withTenant(event, scope => listTeamMembers(scope, team.id))
    },
  },
  Dashboard: {
    // A dashboard from the list carries no widgets: read it whole (the same visibility applies).
    widgets: async (dashboard: { id: string, widgets?: SavedWidget[] }, _: Args, { event }: GraphqlContext) => {
      if (dashboard.widgets) return dashboard.widgets
      const viewer = dashboardsViewer(event)
      return (await withTenant(event, scope => getDashboard(scope, viewer, dashboard.id))).widgets
    },
  },
  Widget: {
    // As POST /api/analytics/query answers the dashboard page: the metric's module and read permission first.
    data: async (widget: SavedWidget, args: Args, { event }: GraphqlContext) => {
      requirePermission(event, 'dashboard:read')
      if (!isMetricWidget(widget)) return null
      const filters = plainInput(args.filters, 'filters')
      const query = parsed(widgetQuerySchema, { ...widget.query, range: plainInput(args.range, 'range'), filters: { ...widget.query.filters, ...filters } }, 'argument')
      requireMetricAccess(event, query.metric)
      const tenantId = requireTenant(event).id
      const [result] = await answerWidgets(tenantId, [query], viewerOf(event), await readRevisions(tenantId))
      return result
    },
  },
}

/** The executable schema; built once per process (it holds no request or tenant data). */
export const graphqlSchema = createSchema<GraphqlContext>({ typeDefs, resolvers })
