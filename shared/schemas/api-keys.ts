import { z } from 'zod'
import { PERMISSIONS } from '../permissions'
import type { Permission } from '../permissions'

const scope = z.enum(PERMISSIONS as [Permission, ...Permission[]], { message: 'is not a known permission' })

/** POST /api/api-keys: a name, at least one scope, and an optional lifetime in days. */
export const apiKeyCreateSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(80, 'must be at most 80 characters'),
  scopes: z.array(scope).min(1, 'pick at least one scope').max(PERMISSIONS.length).transform(s => [...new Set(s)]),
  expiresInDays: z.number().int().min(1, 'must be at least 1 day').max(3650, 'must be at most 10 years').nullable().default(null),
}).strict()

export const apiKeyParamsSchema = z.object({ id: z.uuid('must be an API key id') })

export type ApiKeyCreate = z.infer<typeof apiKeyCreateSchema>

/** A key as the settings page lists it: never the secret, which is shown once at creation. */
export interface ApiKeyRow {
  id: string
  name: string
  prefix: string
  scopes: Permission[]
  createdBy: { id: string, name: string }
  createdAt: string
  expiresAt: string | null
  lastUsedAt: string | null
  revokedAt: string | null
  status: 'active' | 'expired' | 'revoked'
}
