import { createDocument } from 'zod-openapi'
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject, oas31 } from 'zod-openapi'
import type { FeatureKey } from '#shared/features'
import { RECORDS } from '#shared/records'
import { errorSchema, expandedPath, V1_ROUTES, variantsOf } from './v1'
import type { V1Operation, V1Route } from './v1'

/** The document's version: the contract's, raised when v1 gains something (never for a removal: that is v2). */
export const V1_VERSION = '1.0.0'

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid input: `data.issues` names each field.',
  401: 'No valid API key or session.',
  403: 'The key or role lacks the permission.',
  404: 'Not there, not visible to the caller, or the module is off in this workspace.',
  409: 'Someone changed it since the `version` you sent (`STALE`); the answer holds the current record.',
  422: 'The Idempotency-Key was used before with another body.',
  429: 'Too many requests for this key: wait `Retry-After` seconds.',
}

const errorResponse = (status: number) => ({ description: ERROR_TEXT[status] ?? 'Error', content: { 'application/json': { schema: errorSchema } } })

function operation(op: V1Operation, route: V1Route): ZodOpenApiOperationObject {
  const pathParams = op.params && route.path.includes('{type}') ? op.params.omit({ type: true }) : op.params
  const hasPathParams = pathParams && Object.keys(pathParams.shape).length > 0
  const errors = [...new Set([400, 401, 403, 429, ...(op.errors ?? []), ...(op.idempotent ? [422] : [])])].sort()
  const description = [
    op.description,
    op.permission ? `Needs the permission \`${op.permission}\`.` : 'Any API key or signed-in member of the workspace.',
    op.idempotent ? 'Send an `Idempotency-Key` header to make a retry safe: the first answer is kept for 24 hours and replayed.' : undefined,
  ].filter(Boolean).join('\n\n')
  return {
    'operationId': op.operationId,
    'summary': op.summary,
    description,
    'tags': [op.tag],
    'x-permission': op.permission || undefined,
    'requestParams': {
      ...(hasPathParams ? { path: pathParams } : {}),
      ...(op.query ? { query: op.query as never } : {}),
    },
    ...(op.idempotent
      ? { parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, description: 'Up to 255 visible characters, unique per intended change (a UUID).', schema: { type: 'string', maxLength: 255 } }] }
      : {}),
    ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: op.body } } } } : {}),
    'responses': {
      [op.status]: op.response
        ? { description: 'Success', content: { 'application/json': { schema: op.response } } }
        : { description: 'Done; no body.' },
      ...Object.fromEntries(errors.map(s => [s, errorResponse(s)])),
    },
  } as ZodOpenApiOperationObject
}

/**
 * Leaves out what zod states for every integer and uuid and a reader gains nothing from: the
 * ±2^53 bounds of a plain integer and the uuid's regular expression (its `format` says it); and
 * answers stay open to fields added later.
 */
function tidy({ jsonSchema, io }: { jsonSchema: Record<string, unknown>, io: 'input' | 'output' }) {
  // Answers may gain fields within v1 (never lose one): clients must not refuse an unknown key.
  if (io === 'output' && jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties
  // `X or null` as `type: [X, "null"]` where X is a plain type: the form JSON Schema viewers
  // (the reference page's among them) read best.
  const anyOf = jsonSchema.anyOf as Record<string, unknown>[] | undefined
  if (anyOf?.length === 2 && anyOf[1]!.type === 'null' && Object.keys(anyOf[1]!).length === 1 && typeof anyOf[0]!.type === 'string') {
    const [plain] = anyOf
    delete jsonSchema.anyOf
    Object.assign(jsonSchema, plain, { type: [plain!.type, 'null'] })
    if (Array.isArray(plain!.enum)) jsonSchema.enum = [...plain!.enum, null]
  }
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum
  if (jsonSchema.format === 'uuid') delete jsonSchema.pattern
}

let built: oas31.OpenAPIObject | undefined

/** The document without a server: built once per process from V1_ROUTES. */
export function baseDocument(): oas31.OpenAPIObject {
  if (built) return built
  const paths: ZodOpenApiPathsObject = {}
  for (const route of Object.values(V1_ROUTES) as V1Route[]) {
    for (const type of variantsOf(route)) {
      const path = expandedPath(route, type)
      paths[path] = { ...paths[path], [route.method]: operation(route.op(type), route) }
    }
  }
  built = createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Atrium API',
      version: V1_VERSION,
      description: [
        'The workspace\'s records, members, teams, dashboards, audit log and webhooks.',
        'Authenticate with an API key (Settings → API keys) as `Authorization: Bearer atr_…`; a key acts with its scopes and sees what its creator\'s role sees. In the browser, the signed-in session works too.',
        'Lists page with `limit` and `cursor` (pass the previous answer\'s `nextCursor`). Every error has the same shape (`Error`), with a stable `data.code`.',
      ].join('\n\n'),
    },
    security: [{ apiKey: [] }, { session: [] }],
    tags: [
      ...Object.values(RECORDS).map(r => ({ name: r.label, description: `${r.label}, with the workspace's custom fields (\`custom\`).` })),
      { name: 'Custom fields', description: 'The workspace\'s own fields on each record type.' },
      { name: 'Members', description: 'People of the workspace and their teams.' },
      { name: 'Dashboards', description: 'Custom dashboards and their widgets\' numbers.' },
      { name: 'Audit', description: 'Who did what, when.' },
      { name: 'Webhooks', description: 'Endpoints that receive the workspace\'s events, and their deliveries.' },
      { name: 'Workspace', description: 'The caller and its workspace.' },
    ],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: `atr_…`.' },
        session: { type: 'apiKey', in: 'cookie', name: 'session', description: 'The browser\'s session after signing in.' },
      },
    },
    paths,
  }, { override: tidy })
  return built
}

/**
 * The document as one workspace's host serves it: its name, its own address as the server, and
 * only the operations of modules its plan has (a starter workspace's reference shows no tickets,
 * dashboards or webhooks: there they answer 404).
 */
export function documentFor(origin: string, workspace: { name: string, features: Partial<Record<FeatureKey, boolean>> }): oas31.OpenAPIObject {
  const base = baseDocument()
  const paths: oas31.PathsObject = {}
  const tags = new Set<string>()
  for (const route of Object.values(V1_ROUTES) as V1Route[]) {
    for (const type of variantsOf(route)) {
      const op = route.op(type)
      if (op.feature && !workspace.features[op.feature]) continue
      const path = expandedPath(route, type)
      paths[path] = { ...paths[path], [route.method]: (base.paths![path] as Record<string, unknown>)[route.method] }
      tags.add(op.tag)
    }
  }
  return {
    ...base,
    info: { ...base.info, title: `${workspace.name} API` },
    servers: [{ url: `${origin}/api/v1`, description: workspace.name }],
    tags: base.tags?.filter(t => tags.has(t.name)),
    paths,
  }
}
