import type { H3Error } from 'h3'
import type { ErrorCode } from '#shared/errors'

// One mapping from what the database (or the way to it) refused to the API's error contract, so
// that no route answers 500 for a conflict, a value out of range or a database that is restarting.
// The error plugin applies it to every error before Nitro's handler writes the response.

interface Translation { status: number, code: ErrorCode, message: string }

// PostgreSQL SQLSTATE codes (PGlite reports the same ones).
const BY_SQLSTATE: Record<string, Translation> = {
  '23505': { status: 409, code: 'CONFLICT', message: 'Another item already has this value, and it must be unique' },
  '23503': { status: 409, code: 'CONFLICT', message: 'It refers to something that no longer exists, or is still referred to' },
  '23514': { status: 400, code: 'VALIDATION_FAILED', message: 'A value is outside what is allowed' },
  '23502': { status: 400, code: 'VALIDATION_FAILED', message: 'A required value is missing' },
  '22001': { status: 400, code: 'VALIDATION_FAILED', message: 'A value is too long' },
  '22003': { status: 400, code: 'VALIDATION_FAILED', message: 'A number is out of range' },
  '22007': { status: 400, code: 'VALIDATION_FAILED', message: 'A date or time is not valid' },
  '22008': { status: 400, code: 'VALIDATION_FAILED', message: 'A date or time is out of range' },
  '22P02': { status: 400, code: 'VALIDATION_FAILED', message: 'A value is not in the expected form' },
  '22021': { status: 400, code: 'VALIDATION_FAILED', message: 'A text value holds characters that cannot be stored' },
  '22P05': { status: 400, code: 'VALIDATION_FAILED', message: 'A text value holds characters that cannot be stored' },
  '40001': { status: 409, code: 'CONFLICT', message: 'Another change happened at the same moment: try again' },
  '40P01': { status: 409, code: 'CONFLICT', message: 'Another change happened at the same moment: try again' },
}

const UNAVAILABLE: Translation = { status: 503, code: 'UNAVAILABLE', message: 'The service is briefly unavailable: try again in a few seconds' }
// The database went away or is restarting: SQLSTATE classes 08 and 57P, and the socket errors and
// postgres-js codes of a lost connection.
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', '57P01', '57P02', '57P03', '53300'])

/** Seconds a client should wait before retrying a 503 caused by the database being away. */
export const UNAVAILABLE_RETRY_SECONDS = 5

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** The database's verdict inside `error` (drizzle and h3 wrap it in `cause`), translated; undefined when it is none of ours. */
export function databaseVerdict(error: unknown): Translation | undefined {
  for (let e = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = codeOf(e)
    if (code && BY_SQLSTATE[code]) return BY_SQLSTATE[code]
    if (code && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return UNAVAILABLE
    // Drizzle's own refusal of an update with nothing in it.
    if (e instanceof Error && e.message === 'No values to set') return { status: 400, code: 'VALIDATION_FAILED', message: 'The request names nothing to change' }
  }
  return undefined
}

/**
 * Turns an unhandled error caused by the database into the contract's 4xx or 503 in place;
 * returns the translation applied, if any. Errors the code threw on purpose are left alone.
 */
export function translateDatabaseError(error: H3Error): Translation | undefined {
  if (!error.unhandled && error.statusCode !== 500) return undefined
  const verdict = databaseVerdict(error)
  if (!verdict) return undefined
  error.statusCode = verdict.status
  error.statusMessage = verdict.message
  error.message = verdict.message
  error.data = { code: verdict.code }
  error.unhandled = false
  return verdict
}
