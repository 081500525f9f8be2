import type { AuditQuery } from '#shared/schemas/audit'
import { auditPageAfter } from '#server/services/workspace/audit'

// Newest first; the cursor is the last entry's time and id, so new entries never shift a page.
export default defineEventHandler(async (event) => {
  const request = await v1Input<unknown, Omit<AuditQuery, 'page' | 'pageSize'> & { limit: number, cursor?: string }>(event, 'GET /audit-log')
  const { cursor, limit, ...filters } = request.query
  const page = await withTenant(event, scope => auditPageAfter(scope, filters, cursor ?? null, limit))
  return v1Answer(event, request, page)
})
