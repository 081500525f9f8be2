import { z } from 'zod'
import { RECORD_TYPES } from './records'
import type { RecordType } from './records'

/** Approval requests as the inbox, the record and a mailed link show them (server/services/automation/approvals.ts). */
export interface ApprovalRow {
  id: string
  title: string
  status: 'pending' | 'approved' | 'rejected' | 'cancelled'
  record: { type: RecordType, id: string } | null
  runId: string
  workflowId: string
  dueAt: string | null
  createdAt: string
  decidedAt: string | null
  /** The one asking may decide now. */
  canDecide: boolean
}

export interface ApprovalDetail extends ApprovalRow {
  requester: { id: string, name: string } | null
  mode: 'sequential' | 'parallel'
  levels: {
    name: string
    needed: number
    status: 'waiting' | 'open' | 'approved' | 'rejected'
    approvers: { id: string, name: string, onBehalfOf: string | null, escalated: boolean }[]
    decisions: { userId: string, name: string, decision: 'approved' | 'rejected', comment: string, via: 'app' | 'link', at: string }[]
  }[]
}

export interface Delegation {
  delegateId: string
  delegateName: string
  until: string
}

export const approvalsQuerySchema = z.strictObject({
  box: z.enum(['pending', 'decided']).default('pending'),
  recordType: z.enum(RECORD_TYPES).optional(),
  recordId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
})
export type ApprovalsQuery = z.infer<typeof approvalsQuerySchema>

export const approvalParamsSchema = z.object({ id: z.uuid('must be an approval request id') })
export const decisionSchema = z.strictObject({
  decision: z.enum(['approved', 'rejected']),
  comment: z.string().trim().max(2000).default(''),
})
export const linkDecisionSchema = decisionSchema.extend({ token: z.string().min(20).max(100) })
export const linkQuerySchema = z.strictObject({ token: z.string().min(20).max(100) })
export const delegationSchema = z.strictObject({ delegateId: z.uuid(), until: z.iso.datetime({ offset: true }) })
