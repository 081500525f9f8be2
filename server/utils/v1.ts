import type { H3Event } from 'h3'
import { getRouterParams } from 'h3'
import type { z } from 'zod'
import { RECORD_TYPES } from '#shared/records'
import type { RecordType } from '#shared/records'
import { V1_ROUTES } from '#server/openapi/v1'
import type { V1Key, V1Operation } from '#server/openapi/v1'
import type { TenantActor } from './permissions'

/** What a v1 handler works with: its operation, the caller, and the validated input. */
export interface V1Request<P = Record<string, string>, Q = Record<string, unknown>, B = unknown> {
  op: V1Operation
  actor: TenantActor
  /** The record type of a record route (its `{type}`); the first type elsewhere, unused. */
  type: RecordType
  params: P
  query: Q
  body: B
}

/**
 * The one door of every v1 route: finds the operation (`'<METHOD> <path>'`), checks its module and
 * permission (404 FEATURE_DISABLED, 401, 403), then validates params, query and body with the
 * very schemas the OpenAPI document is generated from (400 VALIDATION_FAILED naming the field).
 */
export async function v1Input<P = Record<string, string>, Q = Record<string, unknown>, B = unknown>(event: H3Event, key: V1Key): Promise<V1Request<P, Q, B>> {
  const route = V1_ROUTES[key]
  let type: RecordType = RECORD_TYPES[0]
  if (route.path.includes('{type}')) {
    const raw = getRouterParams(event, { decode: true }).type
    // An unknown type is an unknown path, as the document has no such path.
    if (!(RECORD_TYPES as readonly string[]).includes(raw ?? '')) throw notFound('No such API route')
    type = raw as RecordType
  }
  const op: V1Operation = route.op(type)
  // The operation's module: requirePermission checks it again where the permission implies it
  // (records, webhooks); the dashboards' is one no permission implies.
  if (op.feature) requireFeature(event, op.feature)
  const actor = op.permission ? requirePermission(event, op.permission) : requireSignedIn(event)
  const params = op.params ? await parseParams(event, op.params) : {}
  const query = op.query ? await parseQuery(event, op.query) : {}
  const body = op.body ? await parseBody(event, op.body) : undefined
  return { op, actor, type, params: params as P, query: query as Q, body: body as B }
}

/**
 * The answer of a v1 route: its documented status, and the value cut down to the documented
 * fields (a column the app adds later stays out of v1 until the contract names it).
 */
export function v1Answer(event: H3Event, request: V1Request<unknown, unknown, unknown>, value: unknown): unknown {
  const { op } = request
  if (op.status === 204) {
    setResponseStatus(event, 204)
    return null
  }
  setResponseStatus(event, op.status)
  return op.response ? project(op.response, value) : value
}

type Def = { type: string, shape?: Record<string, z.ZodType>, element?: z.ZodType, innerType?: z.ZodType }
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def

/** The documented part of `value`: objects keep the keys their schema names, arrays map, the rest passes. */
export function project(schema: z.ZodType, value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null
  const def = defOf(schema)
  switch (def.type) {
    case 'object': {
      if (typeof value !== 'object') return value
      const out: Record<string, unknown> = {}
      for (const [key, inner] of Object.entries(def.shape!)) {
        const v = (value as Record<string, unknown>)[key]
        if (v === undefined && defOf(inner).type === 'optional') continue
        out[key] = v === undefined ? null : project(inner, v)
      }
      return out
    }
    case 'array': return Array.isArray(value) ? value.map(v => project(def.element!, v)) : value
    case 'nullable': case 'optional': case 'default': return project(def.innerType!, value)
    default: return value
  }
}
