import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import SwaggerParser from '@apidevtools/swagger-parser'
import openapiTS, { astToString } from 'openapi-typescript'
import { describe, expect, it } from 'vitest'
import { RECORD_TYPES } from '../../shared/records'
import { baseDocument } from '../../server/openapi/document'
import { expandedPath, V1_ROUTES, variantsOf } from '../../server/openapi/v1'
import type { V1Route } from '../../server/openapi/v1'

// The public API's contract (server/openapi/v1.ts) against the route files and the OpenAPI
// document generated from it: a v1 route missing from the document, a documented route with no
// file, a handler that validates with anything but its documented schemas, or types for clients
// that no longer match the document — each fails here.

const ROOT = join(import.meta.dirname, '../..')
const V1_DIR = join(ROOT, 'server/api/v1')
const TYPES_FILE = join(ROOT, 'tests/support/api-v1.d.ts')
const DOCUMENT_ROUTE = 'openapi.json.get.ts'

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    return e.isDirectory() ? files(path) : [relative(V1_DIR, path)]
  })
}

/** `records/[type]/[id].patch.ts` → `PATCH /records/{type}/{id}`. */
function keyOf(file: string): string {
  const m = /^(.*)\.(get|post|patch|put|delete)\.ts$/.exec(file)!
  const path = `/${m[1]!}`.replace(/\/index$/, '').replace(/\[(\w+)\]/g, '{$1}')
  return `${m[2]!.toUpperCase()} ${path}`
}

const routeFiles = files(V1_DIR).filter(f => f !== DOCUMENT_ROUTE)
const routes = Object.entries(V1_ROUTES) as [string, V1Route][]
const document = baseDocument()

describe('public API v1 contract', () => {
  it('the document is valid OpenAPI 3.1', async () => {
    const checked = await SwaggerParser.validate(structuredClone(document) as never)
    expect((checked as { openapi?: string }).openapi).toBe('3.1.0')
  })

  it.each(routeFiles)('%s is a documented operation and validates with its schemas', (file) => {
    const key = keyOf(file)
    const route = V1_ROUTES[key as keyof typeof V1_ROUTES] as V1Route | undefined
    expect(route, `${file}: add "${key}" to V1_ROUTES (server/openapi/v1.ts)`).toBeDefined()
    const source = readFileSync(join(V1_DIR, file), 'utf8')
    // The handler reads its input only through v1Input with its own key, i.e. with the documented schemas.
    expect(source, `${file} must read its input with v1Input(event, '${key}')`).toMatch(new RegExp(`\\bv1Input(<.*?>)?\\(event, '${key.replace(/[{}]/g, '\\$&')}'\\)`))
    expect(source).not.toMatch(/\bparse(Body|Query|Params)\(|readBody\(|getQuery\(/)
    expect(source, `${file} must answer through v1Answer`).toMatch(/\bv1Answer\(event, /)
    for (const type of variantsOf(route!)) {
      const operation = (document.paths?.[expandedPath(route!, type)] as Record<string, { operationId?: string }> | undefined)?.[route!.method]
      expect(operation?.operationId, `${key} (${type}) is missing from the document`).toBe(route!.op(type).operationId)
    }
  })

  it('every documented operation has its route file', () => {
    const keys = routeFiles.map(keyOf)
    for (const [key] of routes) expect(keys, `${key} is documented but has no file under server/api/v1`).toContain(key)
    const documented = Object.values(document.paths ?? {}).reduce((n, item) => n + Object.keys(item as object).length, 0)
    const expected = routes.reduce((n, [, route]) => n + variantsOf(route).length, 0)
    expect(documented).toBe(expected)
  })

  it('documents each body\'s required fields as its validator requires them', () => {
    for (const [key, route] of routes) {
      for (const type of variantsOf(route)) {
        const op = route.op(type)
        if (!op.body) continue
        const missing = op.body.safeParse({})
        const requiredByValidator = missing.success ? [] : missing.error.issues.filter(i => i.code === 'invalid_type' && i.path.length === 1).map(i => String(i.path[0])).sort()
        const body = (document.paths![expandedPath(route, type)] as Record<string, { requestBody: { content: Record<string, { schema: { $ref?: string, required?: string[] } }> } }>)[route.method]!.requestBody.content['application/json']!.schema
        const schema = body.$ref ? (document.components!.schemas![body.$ref.split('/').at(-1)!] as { required?: string[] }) : body
        expect([...(schema.required ?? [])].sort(), `${key} (${type})`).toEqual(requiredByValidator)
      }
    }
  })

  it('names record operations per type, so generated clients get one typed method each', () => {
    const ids = RECORD_TYPES.map(type => V1_ROUTES['POST /records/{type}'].op(type).operationId)
    expect(ids).toEqual(['createAccount', 'createContact', 'createLead', 'createDeal', 'createTask', 'createTicket'])
    expect(new Set(routes.flatMap(([, r]) => variantsOf(r).map(t => r.op(t).operationId))).size).toBe(routes.reduce((n, [, r]) => n + variantsOf(r).length, 0))
  })

  it('the TypeScript types for clients (tests/support/api-v1.d.ts) match the document', async () => {
    const generated = `// Generated from the v1 OpenAPI document by openapi-typescript: npm run api:types\n${astToString(await openapiTS(structuredClone(document) as never))}`
    if (process.env.UPDATE_API_TYPES) writeFileSync(TYPES_FILE, generated)
    expect(existsSync(TYPES_FILE), 'run npm run api:types').toBe(true)
    expect(readFileSync(TYPES_FILE, 'utf8'), 'the document changed: run npm run api:types').toBe(generated)
  })
})
