import { z } from 'zod'

/** How long a finished export can be downloaded. */
export const EXPORT_TTL_HOURS = 24

/** Days between a deletion request and the platform deleting the workspace. */
export const DELETION_GRACE_DAYS = 30

export const dataExportParamsSchema = z.object({ id: z.uuid('must be an export id') })

/** POST /api/settings/deletion-request: the workspace's name typed out, as a confirmation. */
export const deletionRequestSchema = z.object({
  confirmName: z.string({ message: 'type the workspace name to confirm' }).max(200, 'must be at most 200 characters'),
}).strict()

export type DeletionRequestInput = z.infer<typeof deletionRequestSchema>

export type DataExportStatus = 'queued' | 'running' | 'ready' | 'failed'

/** An export as the Data page lists it (never its storage key). */
export interface DataExportRow {
  id: string
  status: DataExportStatus
  progress: number
  sizeBytes: number | null
  error: string | null
  requestedBy: { id: string, name: string } | null
  createdAt: string
  completedAt: string | null
  expiresAt: string | null
  /** Ready and not expired: the download link works. */
  downloadable: boolean
}

/** GET /api/settings/deletion-request. */
export interface DeletionState {
  workspaceName: string
  pending: boolean
  requestedAt: string | null
  requestedBy: string | null
  dueAt: string | null
  graceDays: number
}
