import { listMembers } from '#server/services/identity/members'

export default defineEventHandler(async (event) => {
  const request = await v1Input<unknown, { search?: string, role?: string, status?: 'invited' | 'active' | 'deactivated', limit: number, cursor?: string }>(event, 'GET /members')
  const { cursor, limit, ...filters } = request.query
  const page = pageCursor.decode(cursor, limit)
  const found = await withTenant(event, scope => listMembers(scope, { ...filters, ...page }))
  return v1Answer(event, request, { items: found.items, nextCursor: pageCursor.next(page, found.total) })
})
