import { z } from 'zod'
import { somethingToChange } from './common'
import { PERMISSIONS } from '../permissions'
import type { Permission } from '../permissions'
import { RECORD_SCOPES } from '../records'
import type { RecordScope } from '../records'

const permission = z.enum(PERMISSIONS as [Permission, ...Permission[]], { message: 'is not a known permission' })
/** Which records holders see: all, those of their teams' members, or their own. */
const recordScope = z.enum(RECORD_SCOPES, 'must be all, team or own')
export const roleKeySchema = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'must be 2–40 lower-case letters, digits or dashes')

/** A custom role: a name and a set of permissions from the catalogue. */
export const roleCreateSchema = z.object({
  key: roleKeySchema.optional(),
  name: z.string().trim().min(1, 'is required').max(60),
  description: z.string().trim().max(300).default(''),
  permissions: z.array(permission).max(PERMISSIONS.length).transform(p => [...new Set(p)]),
  recordScope: recordScope.default('all'),
}).strict()

export const rolePatchSchema = somethingToChange(z.object({
  name: z.string().trim().min(1).max(60).optional(),
  description: z.string().trim().max(300).optional(),
  permissions: z.array(permission).max(PERMISSIONS.length).transform(p => [...new Set(p)]).optional(),
  recordScope: recordScope.optional(),
}).strict())

export const roleParamsSchema = z.object({ key: roleKeySchema })

export const teamCreateSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(80),
  parentId: z.uuid('must be a team id').nullable().default(null),
}).strict()

export const teamPatchSchema = somethingToChange(z.object({
  name: z.string().trim().min(1).max(80).optional(),
  parentId: z.uuid('must be a team id').nullable().optional(),
}).strict())

export const teamParamsSchema = z.object({ id: z.uuid('must be a team id') })

/** A team's members, all at once, and optionally its lead (one of them; null for none; absent keeps the lead if they stay). */
export const teamMembersSchema = z.object({
  userIds: z.array(z.uuid('must be a member id')).max(1000).transform(ids => [...new Set(ids)]),
  leadId: z.uuid('must be a member id').nullable().optional(),
}).strict().refine(v => !v.leadId || v.userIds.includes(v.leadId), { path: ['leadId'], message: 'must be one of the team\'s members' })

/** A role as GET /api/roles lists it. */
export interface RoleRow {
  key: string
  name: string
  description: string
  permissions: Permission[]
  recordScope: RecordScope
  isSystem: boolean
  /** Members (invited or active) who hold the role. */
  members: number
}

/** A team as GET /api/teams lists it; pages build the tree from parentId. */
export interface TeamRow { id: string, name: string, parentId: string | null, members: number, lead: { id: string, name: string } | null }
