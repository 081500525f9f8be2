import type { H3Event } from 'h3'
import { getQuery, getRouterParams, readBody } from 'h3'
import type { z } from 'zod'

/** Parses the query string with a zod schema; 400 naming the field otherwise. */
export async function parseQuery<S extends z.ZodType>(event: H3Event, schema: S): Promise<z.infer<S>> {
  const result = schema.safeParse(getQuery(event))
  if (!result.success) throw validationError(result.error, 'query')
  return result.data
}

/** Parses route params with a zod schema; 400 naming the param otherwise. */
export async function parseParams<S extends z.ZodType>(event: H3Event, schema: S): Promise<z.infer<S>> {
  const result = schema.safeParse(getRouterParams(event, { decode: true }))
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
  const result = schema.safeParse(body ?? {})
  if (!result.success) throw validationError(result.error, 'body')
  return result.data
}
