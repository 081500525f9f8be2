import type { ApiErrorBody } from '#shared/errors'

/** The message of an API error (our error contract), or a plain fallback for network failures. */
export function errorMessage(error: unknown): string {
  const data = (error as { data?: Partial<ApiErrorBody> } | null)?.data
  if (data && typeof data.message === 'string') return data.message
  if (error instanceof Error && error.message) return error.message
  return 'Something went wrong. Please try again.'
}

/** The fields an API error names (`data.issues`), to show each message on its field. */
export function apiIssues(error: unknown): { path: string, message: string }[] {
  const data = (error as { data?: Partial<ApiErrorBody> } | null)?.data
  return Array.isArray(data?.data?.issues) ? data.data.issues : []
}
