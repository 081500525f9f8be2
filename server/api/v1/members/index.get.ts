import { membersAfter } from '#server/services/identity/members'

// Members by name; the cursor is the last one's name and id, so a member joining never shifts a page.
export default defineEventHandler(async (event) => {
  const request = await v1Input<unknown, { search?: string, role?: string, status?: 'invited' | 'active' | 'deactivated', limit: number, cursor?: string }>(event, 'GET /members')
  const { cursor, limit, ...filters } = request.query
  return v1Answer(event, request, await withTenant(event, scope => membersAfter(scope, filters, cursor, limit)))
})
