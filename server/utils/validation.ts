import type { H3Event } from 'h3'
import { getQuery, getRouterParams, readBody } from 'h3'
import type { z } from 'zod'

const BAD_TEXT = [
  // PostgreSQL refuses U+0000 in text and JSON values alike.
  { test: (s: string) => s.includes('\u0000'), message: 'must not contain a NUL character (U+0000)' },
  // Half of a UTF-16 pair has no UTF-8 form: JSON columns refuse it, text columns would mangle it.
  { test: (s: string) => !s.isWellFormed(), message: 'must be valid Unicode (it holds an unpaired surrogate)' },
]

/** Where in `value` a string (or key) holds text no column can store, and why; undefined when none does. */
function badText(value: unknown, path: string[] = [], depth = 0): { path: string, message: string } | undefined {
  if (typeof value === 'string') {
    const bad = BAD_TEXT.find(b => b.test(value))
    return bad && { path: path.join('.') || '(root)', message: bad.message }
  }
  if (depth > 32 || value === null || typeof value !== 'object') return undefined
  for (const [key, inner] of Object.entries(value)) {
    const found = badText(key, [...path, key], depth + 1) ?? badText(inner, [...path, key], depth + 1)
    if (found) return found
  }
  return undefined
}

/**
 * Refuses input with text no column can hold (a NUL, a lone surrogate) before any schema sees it:
 * every body, query and parameter of every route passes here, so no route can meet it at the
 * database and answer 500.
 */
export function assertStorableText(value: unknown, where: string) {
  const bad = badText(value)
  if (bad) throw apiError(400, 'VALIDATION_FAILED', `Invalid ${where}: ${bad.path} ${bad.message}`, [bad])
}

/** The query string as h3 reads it, refused when it holds text no column can hold. */
export function readQuery(event: H3Event): Record<string, unknown> {
  const query = getQuery(event)
  assertStorableText(query, 'query')
  return query
}

/** Parses the query string with a zod schema; 400 naming the field otherwise. */
export async function parseQuery<S extends z.ZodType>(event: H3Event, schema: S): Promise<z.infer<S>> {
  const result = schema.safeParse(readQuery(event))
  if (!result.success) throw validationError(result.error, 'query')
  return result.data
}

/** Parses route params with a zod schema; 400 naming the param otherwise. */
export async function parseParams<S extends z.ZodType>(event: H3Event, schema: S): Promise<z.infer<S>> {
  const params = getRouterParams(event, { decode: true })
  assertStorableText(params, 'parameter')
  const result = schema.safeParse(params)
  if (!result.success) throw validationError(result.error, 'parameter')
  return result.data
}

/** Parses the JSON body with a zod schema; 400 on malformed JSON or an invalid field. */
export async function parseBody<S extends z.ZodType>(event: H3Event, schema: S): Promise<z.infer<S>> {
  let body: unknown
  try {
    body = await readBody(event)
  }
  catch {
    throw apiError(400, 'BAD_REQUEST', 'The request body is not valid JSON')
  }
  assertStorableText(body, 'body')
  const result = schema.safeParse(body ?? {})
  if (!result.success) throw validationError(result.error, 'body')
  return result.data
}
