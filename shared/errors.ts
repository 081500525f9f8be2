/** Stable machine-readable error codes of the API's one error contract. */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'FORBIDDEN',
  'CONFLICT',
  'LAST_ADMIN',
  'RATE_LIMITED',
  'QUOTA_EXCEEDED',
  'PLAN_UPGRADE_REQUIRED',
  'TOKEN_INVALID',
  'API_KEY_INVALID',
  'MFA_REQUIRED',
  'MFA_INVALID',
  'MFA_ENROLMENT_REQUIRED',
  'SSO_REQUIRED',
  'SSO_FAILED',
  'VALIDATION_FAILED',
  'INVALID_HOST',
  'WORKSPACE_NOT_FOUND',
  'WORKSPACE_SUSPENDED',
  'IP_NOT_ALLOWED',
  'NOT_FOUND',
  'FEATURE_DISABLED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'PLAN_LIMIT',
  'REPORT_TOO_LARGE',
  'STALE',
  'PLAN_LIMIT_BELOW_USAGE',
  'DOMAIN_PROVIDER_FAILED',
  'URL_REFUSED',
  'IDEMPOTENCY_KEY_REUSED',
  'EXPORT_EXPIRED',
  'IMPERSONATION_FORBIDDEN',
  'UNAVAILABLE',
  'INTERNAL',
] as const

export type ErrorCode = typeof ERROR_CODES[number]

/** The body of every error response: `{ statusCode, message, data: { code, issues? } }`. */
export interface ApiErrorBody {
  statusCode: number
  message: string
  data: { code: ErrorCode, issues?: { path: string, message: string }[] }
}
