import { z } from 'zod'

export const memberListQuerySchema = z.object({
  search: z.string().trim().max(200).optional(),
  role: z.string().trim().max(64).optional(),
  status: z.enum(['invited', 'active', 'deactivated']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
}).strict()

export const memberParamsSchema = z.object({ id: z.uuid('must be a member id') })

/** What an admin may change about a member; anything else in the body is refused. */
export const memberPatchSchema = z.object({
  role: z.string().trim().min(1).max(64).optional(),
  status: z.enum(['active', 'deactivated']).optional(),
}).strict().refine(v => v.role !== undefined || v.status !== undefined, 'nothing to change')

export interface MemberRow {
  id: string
  email: string
  name: string
  role: { key: string, name: string }
  status: 'invited' | 'active' | 'deactivated'
  lastActiveAt: string | null
  createdAt: string
  teams: { id: string, name: string }[]
}

/** One of the workspace's admins, as anyone in it may see them: whom to ask for access. */
export interface WorkspaceAdmin {
  name: string
  email: string
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

/** PUT /api/members/:id/teams: the member's teams, all at once. */
export const memberTeamsSchema = z.object({
  teamIds: z.array(z.uuid('must be a team id')).max(100, 'at most 100 teams').refine(ids => new Set(ids).size === ids.length, 'lists a team twice'),
}).strict()
