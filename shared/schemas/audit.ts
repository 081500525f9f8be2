import { z } from 'zod'
import { isAuditAction } from '../audit-actions'

const day = z.iso.date('must be a date like 2026-01-31')

/** Filters of an audit log (list and CSV export); the platform's log adds its own. */
export const auditFilterFields = z.object({
  /** A key of the action catalogue (shared/audit-actions.ts). */
  action: z.string().trim().max(100).refine(isAuditAction, 'is not an audit action').optional(),
  actor: z.string().trim().max(100).optional(),
  entityType: z.string().trim().max(100).optional(),
  entityId: z.string().trim().max(100).optional(),
  requestId: z.string().trim().max(128).optional(),
  from: day.optional(),
  to: day.optional(),
  /** Only what super admins did here: impersonated actions, and impersonations started or ended. */
  impersonation: z.enum(['true', 'false']).transform(v => v === 'true').optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
}).strict()

/** A date range must not end before it starts. */
export const rangeInOrder: [(v: { from?: string, to?: string }) => boolean, { message: string, path: string[] }] = [
  v => !v.from || !v.to || v.from <= v.to,
  { message: 'must not be after "to"', path: ['from'] },
]

/** Entries an audit list counts exactly; a larger total reads as "more than" (the list answers this + 1). */
export const AUDIT_COUNT_CAP = 10_000

export const auditQuerySchema = auditFilterFields.refine(...rangeInOrder)

export type AuditQuery = z.infer<typeof auditQuerySchema>

export interface AuditRow {
  id: string
  createdAt: string
  actorType: string
  actorId: string | null
  actorEmail: string | null
  action: string
  entityType: string | null
  entityId: string | null
  /** The values the entry recorded, as stored (secrets hidden). */
  before: unknown
  after: unknown
  /** The same, field by field as the log shows them; empty when the entry records no values. */
  changes: AuditChange[]
  ip: string | null
  requestId: string | null
  /** The super admin behind an impersonated session (platform admin id), else null. */
  impersonatedBy: string | null
  /** That super admin's name, or the acting one's for console actions (actorType platform_admin). */
  adminName: string | null
}

/** One field of an entry's change. `before` or `after` is absent when the entry has no such side (created, removed). */
export interface AuditChange {
  /** The key as stored ("jobTitle"); '' when the entry's value is not an object. */
  field: string
  /** Its name for people: the record field's label where known ("Job title"). */
  label: string
  /** How a record field is shown (money, date, …), where known. */
  kind?: string
  before?: unknown
  after?: unknown
  /** A secret (password, token, key): its values are never sent. */
  hidden?: true
}
