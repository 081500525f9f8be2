import { createError } from 'h3'
import type { ZodError } from 'zod'
import type { ErrorCode } from '#shared/errors'

/** An error of the one API contract: `{ statusCode, message, data: { code, issues? } }`. */
export function apiError(statusCode: number, code: ErrorCode, message: string, issues?: { path: string, message: string }[]) {
  return createError({ statusCode, statusMessage: message, message, data: issues ? { code, issues } : { code } })
}

/** 400 naming every invalid field, from a zod error. */
export function validationError(error: ZodError, where = 'request') {
  const issues = error.issues.map(i => ({ path: i.path.join('.') || '(root)', message: i.message }))
  const first = issues[0]
  const summary = first ? `Invalid ${where}: ${first.path} ${first.message}` : `Invalid ${where}`
  return apiError(400, 'VALIDATION_FAILED', summary, issues)
}

/** 404 for anything missing or outside the tenant: the two are indistinguishable on purpose. */
export function notFound(what = 'Not found') {
  return apiError(404, 'NOT_FOUND', what)
}
